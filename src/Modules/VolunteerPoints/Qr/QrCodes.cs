using System.Globalization;
using Microsoft.AspNetCore.Http;
using QRCoder;

namespace Zhizhi.Orchard.VolunteerPoints.Qr;

/// <summary>
/// The links the QR codes carry and their PNG rendering (QRCoder's dependency-free PNG writer). A phone camera
/// opens the link: the check-in link pre-fills the volunteer's code form, the redemption link pre-fills the
/// clerk's fulfil form. Neither does anything on GET; the person still submits the form.
/// </summary>
public static class QrCodes
{
    public const string ContentType = "image/png";

    /// <summary>The code never changes, yet the image is the code: only the viewer's browser may keep it.</summary>
    public const string CacheControl = "private, max-age=3600";

    private const int PixelsPerModule = 8;

    /// <summary>The township's absolute root, e.g. https://host/{t}.</summary>
    public static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    public static string CheckinUrl(string root, int activityId, string code)
        => $"{root.TrimEnd('/')}/volunteers/activities/{activityId.ToString(CultureInfo.InvariantCulture)}/checkin?code={Uri.EscapeDataString(code)}";

    public static string CheckinUrl(HttpRequest request, int activityId, string code) => CheckinUrl(Root(request), activityId, code);

    public static string FulfilUrl(string root, string code) => $"{root.TrimEnd('/')}/admin/exchange?code={Uri.EscapeDataString(code)}";

    public static string FulfilUrl(HttpRequest request, string code) => FulfilUrl(Root(request), code);

    /// <summary>A PNG of <paramref name="text"/>; medium error correction survives a phone screen's glare.</summary>
    public static byte[] Png(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(PixelsPerModule);
    }

    public static IResult Image(HttpContext context, string text)
    {
        context.Response.Headers.CacheControl = CacheControl;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(Png(text), ContentType);
    }
}
