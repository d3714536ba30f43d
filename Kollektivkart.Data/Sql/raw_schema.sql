-- Raw tables in the shape of Entur's BigQuery tables (data-model.md section 1).
-- Output: empty tables arrivals, stops, quays in the current schema.
-- Grain: arrivals one row per (service journey, stop call); stops one per stop place; quays one per quay.
-- BigQuery TIMESTAMP is UTC: TIMESTAMPTZ here. operatingDate is the hive partition column of
-- arrivals.parquet and is not stored inside the partition's files.
CREATE TABLE arrivals (
    recordedAtTime TIMESTAMPTZ,
    lineRef VARCHAR,
    directionRef VARCHAR,
    operatingDate DATE,
    serviceJourneyId VARCHAR,
    operatorRef VARCHAR,
    extraJourney BOOLEAN,
    journeyCancellation BOOLEAN,
    stopPointRef VARCHAR,
    sequenceNr BIGINT,
    originName VARCHAR,
    destinationName VARCHAR,
    extraCall BOOLEAN,
    stopCancellation BOOLEAN,
    aimedArrivalTime TIMESTAMPTZ,
    arrivalTime TIMESTAMPTZ,
    aimedDepartureTime TIMESTAMPTZ,
    departureTime TIMESTAMPTZ,
    dataSource VARCHAR,
    dataSourceName VARCHAR,
    estimated BOOLEAN
);

CREATE TABLE stops (
    id VARCHAR,
    version VARCHAR,
    publicCode VARCHAR,
    transportMode VARCHAR,
    name VARCHAR,
    shortName VARCHAR,
    description VARCHAR,
    location_longitude DOUBLE,
    location_latitude DOUBLE,
    topographicPlaceRef VARCHAR,
    alternativeNames STRUCT(lang VARCHAR, nameType VARCHAR, name VARCHAR)[],
    tariffZoneRefs VARCHAR[],
    fareZoneRefs VARCHAR[],
    validBetween STRUCT(fromDate TIMESTAMPTZ, toDate TIMESTAMPTZ),
    parentRef VARCHAR
);

CREATE TABLE quays (
    id VARCHAR,
    version VARCHAR,
    publicCode VARCHAR,
    name VARCHAR,
    shortName VARCHAR,
    description VARCHAR,
    location_longitude DOUBLE,
    location_latitude DOUBLE,
    stopPlaceRef VARCHAR
);
