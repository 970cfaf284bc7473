using Zhizhi.Orchard.Mediation.Rooms;

namespace Zhizhi.Orchard.Tests.Mediation;

/// <summary>The in-memory slot computation behind GET .../slots and the booking checks.</summary>
public sealed class SlotCalendarTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static Room Room() => new()
    {
        Name = "油茶屋调解室",
        Address = "综治中心",
        SlotMinutes = 60,
        OpeningHours = [.. Enumerable.Range(1, 5).Select(d => new OpeningHours(d, "09:00", "17:30")), new OpeningHours(6, "09:00", "12:00")],
        ClosedDays = [new DateOnly(2026, 12, 25)],
    };

    [Fact]
    public void AMonthOfSlotsFollowsTheWeeklyHoursAndSkipsClosedDays()
    {
        // December 2026: 23 weekdays (one closed), 4 Saturdays.
        var slots = SlotCalendar.Generate(Room(), new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), Shanghai);

        Assert.Equal(22 * 8 + 4 * 3, slots.Count);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)), slots[0].Start);
        Assert.Equal(TimeSpan.FromHours(8), slots[0].Start.Offset);
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromHours(1), s.End - s.Start));
        Assert.DoesNotContain(slots, s => s.Start.Date == new DateTime(2026, 12, 25));
        Assert.DoesNotContain(slots, s => s.Start.TimeOfDay == TimeSpan.FromHours(17));
    }

    [Theory]
    [InlineData("2026-12-01T09:00:00+08:00", true)]
    [InlineData("2026-12-01T16:00:00+08:00", true)]
    [InlineData("2026-12-01T16:30:00+08:00", false)]
    [InlineData("2026-12-01T09:30:00+08:00", false)]
    [InlineData("2026-12-01T08:00:00+08:00", false)]
    [InlineData("2026-12-05T11:00:00+08:00", true)]
    [InlineData("2026-12-06T09:00:00+08:00", false)]
    [InlineData("2026-12-25T09:00:00+08:00", false)]
    [InlineData("2026-12-01T01:00:00Z", true)]
    public void OnlyTheStartOfAnOpenSlotIsBookable(string start, bool bookable)
    {
        var why = SlotCalendar.WhyNotASlot(Room(), DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, Shanghai);

        Assert.Equal(bookable, why is null);
        if (why is not null) Assert.Matches(Zhizhi.Orchard.Tests.Infrastructure.Http.Chinese(), why);
    }
}
