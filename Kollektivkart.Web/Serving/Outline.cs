namespace Kollektivkart.Web.Serving;

/// <summary>
/// The map's base layer: land, coast and borders of Norway and its neighbours (Natural Earth via world-atlas, made by
/// web-assets/outline.mjs), a static file fetched by map.js under the tiles.
/// </summary>
public static class Outline
{
    public const string Path = "/data/outline.json";
}
