using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Zhizhi.Orchard.VolunteerPoints.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VolunteerProfilesRulesGrantsLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PerPersonLimit",
                table: "points_items",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Picture",
                table: "points_items",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CheckedOutAt",
                table: "points_checkins",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckinCode",
                table: "points_activities",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "TeamId",
                table: "points_activities",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Type",
                table: "points_activities",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Held",
                table: "points_accounts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "points_daily",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Day = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_daily", x => new { x.UserName, x.Day });
                    table.CheckConstraint("CK_points_daily_points", "\"Points\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "points_expiry_runs",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_expiry_runs", x => new { x.UserName, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "points_grants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LedgerEntryId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_grants", x => x.Id);
                    table.CheckConstraint("CK_points_grants_points", "\"Points\" > 0");
                });

            migrationBuilder.CreateTable(
                name: "points_holds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LedgerEntryId = table.Column<long>(type: "bigint", nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false),
                    ReleaseAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_holds", x => x.Id);
                    table.CheckConstraint("CK_points_holds_points", "\"Points\" > 0");
                });

            migrationBuilder.CreateTable(
                name: "points_item_takes",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ItemId = table.Column<int>(type: "integer", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_item_takes", x => new { x.UserName, x.ItemId });
                    table.CheckConstraint("CK_points_item_takes_quantity", "\"Quantity\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "points_received_awards",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false),
                    LedgerEntryId = table.Column<long>(type: "bigint", nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_received_awards", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "points_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    PointsMode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DailyCap = table.Column<int>(type: "integer", nullable: true),
                    GrantApprovalAbove = table.Column<int>(type: "integer", nullable: true),
                    NoticeDays = table.Column<int>(type: "integer", nullable: false),
                    Expiry = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "points_teams",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Leader = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    VillageName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_teams", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "points_volunteers",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    TeamId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    VillageName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Skills = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    JoinedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_volunteers", x => x.UserName);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_points_ledger_delta",
                table: "points_ledger",
                sql: "\"Delta\" <> 0 AND \"BalanceAfter\" >= 0");

            migrationBuilder.AddCheckConstraint(
                name: "CK_points_accounts_held",
                table: "points_accounts",
                sql: "\"Held\" >= 0 AND \"Held\" <= \"Balance\"");

            migrationBuilder.CreateIndex(
                name: "IX_points_grants_Status_Id",
                table: "points_grants",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_points_holds_ReleaseAt",
                table: "points_holds",
                column: "ReleaseAt");

            migrationBuilder.CreateIndex(
                name: "IX_points_holds_UserName_ReleaseAt",
                table: "points_holds",
                columns: new[] { "UserName", "ReleaseAt" });

            migrationBuilder.CreateIndex(
                name: "IX_points_teams_Name",
                table: "points_teams",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_points_volunteers_TeamId",
                table: "points_volunteers",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_points_volunteers_VillageId",
                table: "points_volunteers",
                column: "VillageId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "points_daily");

            migrationBuilder.DropTable(
                name: "points_expiry_runs");

            migrationBuilder.DropTable(
                name: "points_grants");

            migrationBuilder.DropTable(
                name: "points_holds");

            migrationBuilder.DropTable(
                name: "points_item_takes");

            migrationBuilder.DropTable(
                name: "points_received_awards");

            migrationBuilder.DropTable(
                name: "points_rules");

            migrationBuilder.DropTable(
                name: "points_teams");

            migrationBuilder.DropTable(
                name: "points_volunteers");

            migrationBuilder.DropCheckConstraint(
                name: "CK_points_ledger_delta",
                table: "points_ledger");

            migrationBuilder.DropCheckConstraint(
                name: "CK_points_accounts_held",
                table: "points_accounts");

            migrationBuilder.DropColumn(
                name: "PerPersonLimit",
                table: "points_items");

            migrationBuilder.DropColumn(
                name: "Picture",
                table: "points_items");

            migrationBuilder.DropColumn(
                name: "CheckedOutAt",
                table: "points_checkins");

            migrationBuilder.DropColumn(
                name: "CheckinCode",
                table: "points_activities");

            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "points_activities");

            migrationBuilder.DropColumn(
                name: "Type",
                table: "points_activities");

            migrationBuilder.DropColumn(
                name: "Held",
                table: "points_accounts");
        }
    }
}
