using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Data;

namespace Zhizhi.Orchard.LegalEducation.Feed;

/// <summary>
/// The township's sitemap (sitemaps.org 0.9) at /sitemap.xml: the portal's fixed pages and every public
/// article. It lives here because the articles are the only pages that come and go; the portal's pages
/// are always on (feature Portal), so listing their fixed URLs needs no query into another module.
/// </summary>
internal static class SitemapEndpoints
{
    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    /// <summary>The protocol's limit for one file; a township stays far below it.</summary>
    public const int MaxUrls = 50_000;

    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/sitemap.xml", SitemapAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> SitemapAsync(HttpContext http, LegalDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var articles = await ArticleQueries.Published(db, clock.GetUtcNow().UtcDateTime)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.Id, a.UpdatedAt, a.PublishedAt }).Take(MaxUrls - 3).ToListAsync(ct);
        var request = http.Request;
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true }))
        {
            await xml.WriteStartDocumentAsync();
            xml.WriteStartElement("urlset", Namespace);
            Url(xml, root + "/", null);
            Url(xml, root + "/legal", null);
            Url(xml, root + "/notices", null);
            foreach (var a in articles) Url(xml, $"{root}/legal/{a.Id}", a.PublishedAt > a.UpdatedAt ? a.PublishedAt : a.UpdatedAt);
            xml.WriteEndElement();
            await xml.WriteEndDocumentAsync();
        }
        return Results.Bytes(output.ToArray(), "application/xml; charset=utf-8");
    }

    private static void Url(XmlWriter xml, string location, DateTime? modified)
    {
        xml.WriteStartElement("url", Namespace);
        xml.WriteElementString("loc", Namespace, location);
        if (modified is { } at)
            xml.WriteElementString("lastmod", Namespace, DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }
}
