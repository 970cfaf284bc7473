using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Mediation.Contracts;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Mediation;

internal static class MediationHelpers
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A Monday at least a week ahead of the real clock, in Asia/Shanghai: always bookable.</summary>
    public static DateOnly FutureMonday()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Shanghai));
        var days = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays((days == 0 ? 7 : days) + 7);
    }

    /// <summary>"2026-12-07T09:00:00+08:00" for a local date and hour in the township's zone.</summary>
    public static string At(DateOnly day, int hour, int minute = 0) => $"{day:yyyy-MM-dd}T{hour:00}:{minute:00}:00+08:00";

    public static object Room(string name = "油茶屋调解室", string[]? closedDays = null) => new
    {
        name,
        brand = "围着火塘喝油茶,把话说开",
        address = "镇综治中心一楼",
        specialties = new[] { "邻里纠纷", "婚姻家庭" },
        slotMinutes = 60,
        openingHours = Enumerable.Range(1, 5).Select(d => new { dayOfWeek = d, start = "09:00", end = "17:00" }).ToArray(),
        closedDays = closedDays ?? [],
        mediators = new[] { new { name = "邓火坚", type = "专职" }, new { name = "陈律师", type = "律师" } },
    };

    public static async Task<int> CreateRoomAsync(this TestTownship township, object? room = null)
    {
        using var admin = await township.AsAdminAsync();
        using var response = await admin.PostJsonAsync("api/mediation/rooms", room ?? Room());
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetInt32();
    }

    public static object Booking(int roomId, string start, string category = "邻里纠纷", string description = "邻居家空调外机滴水,协商不成", string? otherParty = "王五")
        => new { roomId, start, category, description, otherParty };

    public static async Task<JsonElement> BookAsync(this HttpClient client, int roomId, string start)
    {
        using var response = await client.PostJsonAsync("api/mediation/bookings", Booking(roomId, start));
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    /// <summary>The BookingConfirmed events written to the module's outbox in a township.</summary>
    public static async Task<List<BookingConfirmed>> ConfirmedEventsAsync(ZhizhiHost host, string township)
    {
        var found = host.Services.GetRequiredService<ITownshipManager>().Find(township) ?? throw new InvalidOperationException(township);
        await using var scope = host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(found);
        var type = OutboxExtensions.EventTypeName(typeof(BookingConfirmed));
        var payloads = await scope.ServiceProvider.GetRequiredService<MediationDbContext>().Set<OutboxMessage>()
            .Where(m => m.Type == type).Select(m => m.Payload).ToListAsync(TestContext.Current.CancellationToken);
        return [.. payloads.Select(p => (BookingConfirmed)OutboxExtensions.Deserialize(p, typeof(BookingConfirmed))!)];
    }
}
