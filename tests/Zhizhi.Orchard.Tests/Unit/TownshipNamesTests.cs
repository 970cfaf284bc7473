using Zhizhi.Orchard.Host.Tenancy;

namespace Zhizhi.Orchard.Tests.Unit;

public sealed class TownshipNamesTests
{
    [Theory]
    [InlineData("ab")]
    [InlineData("hengjie")]
    [InlineData("xi-changan")]
    [InlineData("town2")]
    [InlineData("a1234567890123456789012345678901234567x")]
    public void AcceptsLowercaseNamesStartingWithALetter(string name)
        => Assert.Null(TownshipNames.Check(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a")]
    [InlineData("Hengjie")]
    [InlineData("1town")]
    [InlineData("-town")]
    [InlineData("town-")]
    [InlineData("to--wn")]
    [InlineData("town_ship")]
    [InlineData("town ship")]
    [InlineData("横街")]
    [InlineData("a12345678901234567890123456789012345678901")]
    [InlineData("api")]
    [InlineData("admin")]
    [InlineData("default")]
    [InlineData("health")]
    [InlineData("openapi")]
    [InlineData("lib")]
    public void RefusesOtherNamesWithAChineseReason(string? name)
    {
        var reason = TownshipNames.Check(name);

        Assert.NotNull(reason);
        Assert.Matches(Infrastructure.Http.Chinese(), reason);
    }

    [Fact]
    public void NamesAreAtMostFortyCharacters()
    {
        Assert.Null(TownshipNames.Check("a" + new string('b', 39)));
        Assert.NotNull(TownshipNames.Check("a" + new string('b', 40)));
    }
}
