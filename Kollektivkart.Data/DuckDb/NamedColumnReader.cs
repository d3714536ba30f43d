using System.Collections;
using System.Data.Common;

namespace Kollektivkart.Data.DuckDb;

/// <summary>
/// A reader that looks each column name up once. Row mappers read columns by name (<c>r.GetOrdinal("hourly_delay")</c>
/// on every row), and DuckDB.NET's GetOrdinal compares the name with the columns' names each time: on a page of 4,000
/// stretches of 24 columns that was two thirds of the mapping and about a millisecond a request. Everything else is the
/// wrapped reader's, including <see cref="GetFieldValue{T}"/> (lists, dates).
/// </summary>
internal sealed class NamedColumnReader(DbDataReader inner) : DbDataReader
{
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);

    public override int GetOrdinal(string name)
    {
        if (!_ordinals.TryGetValue(name, out var ordinal))
        {
            _ordinals[name] = ordinal = inner.GetOrdinal(name);
        }
        return ordinal;
    }

    public override bool NextResult()
    {
        _ordinals.Clear();
        return inner.NextResult();
    }

    public override T GetFieldValue<T>(int ordinal) => inner.GetFieldValue<T>(ordinal);
    public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);
    public override byte GetByte(int ordinal) => inner.GetByte(ordinal);
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);
    public override char GetChar(int ordinal) => inner.GetChar(ordinal);
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);
    public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);
    public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);
    public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);
    public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);
    public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);
    public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);
    public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);
    public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);
    public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);
    public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);
    public override string GetName(int ordinal) => inner.GetName(ordinal);
    public override string GetString(int ordinal) => inner.GetString(ordinal);
    public override object GetValue(int ordinal) => inner.GetValue(ordinal);
    public override int GetValues(object[] values) => inner.GetValues(values);
    public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);
    public override int FieldCount => inner.FieldCount;
    public override object this[int ordinal] => inner[ordinal];
    public override object this[string name] => inner[GetOrdinal(name)];
    public override int RecordsAffected => inner.RecordsAffected;
    public override bool HasRows => inner.HasRows;
    public override bool IsClosed => inner.IsClosed;
    public override int Depth => inner.Depth;
    public override bool Read() => inner.Read();
    public override IEnumerator GetEnumerator() => inner.GetEnumerator();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
