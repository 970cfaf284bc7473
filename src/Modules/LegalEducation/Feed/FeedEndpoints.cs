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

/// <summary>RSS 2.0 of the latest published articles.</summary>
internal static class FeedEndpoints
{
    public const int Size = 20;

    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/legal/feed.xml", FeedAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> FeedAsync(HttpContext http, LegalDbContext db, Township township, TimeProvider clock, CancellationToken ct)
    {
        var articles = await ArticleQueries.Published(db, clock.GetUtcNow().UtcDateTime).OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(Size).ToListAsync(ct);
        var request = http.Request;
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true }))
        {
            await xml.WriteStartDocumentAsync();
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", $"{township.DisplayName} · 普法");
            xml.WriteElementString("link", $"{root}/legal");
            xml.WriteElementString("description", $"{township.DisplayName}发布的普法宣传内容");
            xml.WriteElementString("language", "zh-cn");
            foreach (var a in articles)
            {
                xml.WriteStartElement("item");
                xml.WriteElementString("title", a.Title);
                xml.WriteElementString("link", $"{root}/legal/{a.Id}");
                xml.WriteStartElement("guid");
                xml.WriteAttributeString("isPermaLink", "true");
                xml.WriteString($"{root}/legal/{a.Id}");
                xml.WriteEndElement();
                xml.WriteElementString("category", a.Category);
                if (a.PublishedAt is { } at)
                    xml.WriteElementString("pubDate", DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("r", CultureInfo.InvariantCulture));
                xml.WriteElementString("description", a.Summary ?? ArticleBodies.Excerpt(ArticleBodies.ToPlainText(a.Body, a.Format), 200));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
            await xml.WriteEndDocumentAsync();
        }
        return Results.Bytes(output.ToArray(), "application/rss+xml; charset=utf-8");
    }
}
