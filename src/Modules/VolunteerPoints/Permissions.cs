using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.VolunteerPoints;

public static class VolunteerPermissions
{
    public const string ManageName = "VolunteerPoints.Manage";
    public const string SignUpName = "VolunteerPoints.SignUp";
    public const string ViewStatsName = "VolunteerPoints.ViewStats";

    public static readonly Permission Manage = new(ManageName, "发布志愿活动、登记签到并发放积分", "志愿积分", BuiltInRoles.Administrator);
    public static readonly Permission SignUp = new(SignUpName, "报名参加志愿活动", "志愿积分", BuiltInRoles.Volunteer);
    public static readonly Permission ViewStats = new(ViewStatsName, "查看志愿服务与积分统计", "志愿积分",
        BuiltInRoles.Administrator, BuiltInRoles.Mediator, BuiltInRoles.GridWorker);
}

public static class ExchangePermissions
{
    public const string ManageName = "PointsExchange.Manage";
    public const string RedeemName = "PointsExchange.Redeem";
    public const string FulfilName = "PointsExchange.Fulfil";

    public static readonly Permission Manage = new(ManageName, "维护爱心超市的商品与库存", "爱心超市", BuiltInRoles.Administrator);
    public static readonly Permission Redeem = new(RedeemName, "用积分兑换爱心超市商品", "爱心超市", BuiltInRoles.Volunteer);
    public static readonly Permission Fulfil = new(FulfilName, "凭兑换码发放商品或取消兑换", "爱心超市", BuiltInRoles.ShopClerk, BuiltInRoles.Administrator);
}
