using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Mediation;

public static class MediationPermissions
{
    public const string ManageRoomsName = "Mediation.ManageRooms";
    public const string ManageBookingsName = "Mediation.ManageBookings";

    public static readonly Permission ManageRooms = new(ManageRoomsName, "管理调解室与品牌工作室", "调解", BuiltInRoles.Administrator);

    public static readonly Permission ManageBookings = new(ManageBookingsName, "处理调解预约(确认、婉拒)", "调解", BuiltInRoles.Administrator, BuiltInRoles.Mediator);
}
