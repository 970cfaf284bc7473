using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Zhizhi.Orchard.Mediation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MediatorsOutcomesReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Mediators",
                table: "mediation_rooms");

            migrationBuilder.AddColumn<bool>(
                name: "OpenOnMakeUpWorkdays",
                table: "mediation_rooms",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PhotoUrl",
                table: "mediation_rooms",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Village",
                table: "mediation_rooms",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CheckedInAt",
                table: "mediation_bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InviteCode",
                table: "mediation_bookings",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MediatorId",
                table: "mediation_bookings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MediatorName",
                table: "mediation_bookings",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OtherPartyAcceptedAt",
                table: "mediation_bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OtherPartyUserId",
                table: "mediation_bookings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "mediation_bookings",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OutcomeAt",
                table: "mediation_bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutcomeNote",
                table: "mediation_bookings",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderSentAt",
                table: "mediation_bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Reschedules",
                table: "mediation_bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "mediation_mediator_absences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MediatorId = table.Column<int>(type: "integer", nullable: false),
                    Start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    End = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_mediator_absences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mediation_mediator_holds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MediatorId = table.Column<int>(type: "integer", nullable: false),
                    BookingId = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_mediator_holds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mediation_mediator_holds_mediation_bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "mediation_bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mediation_mediators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Specialties = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    RoomIds = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_mediators", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mediation_notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Body = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mediation_settings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    ChangeLimitHours = table.Column<int>(type: "integer", nullable: false),
                    ReminderWebhookUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_settings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mediation_bookings_InviteCode",
                table: "mediation_bookings",
                column: "InviteCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mediation_bookings_MediatorId_SlotStart",
                table: "mediation_bookings",
                columns: new[] { "MediatorId", "SlotStart" });

            migrationBuilder.CreateIndex(
                name: "IX_mediation_mediator_absences_MediatorId_Start",
                table: "mediation_mediator_absences",
                columns: new[] { "MediatorId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_mediation_mediator_holds_BookingId",
                table: "mediation_mediator_holds",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_mediation_mediator_holds_MediatorId_At",
                table: "mediation_mediator_holds",
                columns: new[] { "MediatorId", "At" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mediation_notifications_SourceId_UserId",
                table: "mediation_notifications",
                columns: new[] { "SourceId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mediation_notifications_UserId_CreatedAt",
                table: "mediation_notifications",
                columns: new[] { "UserId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mediation_mediator_absences");

            migrationBuilder.DropTable(
                name: "mediation_mediator_holds");

            migrationBuilder.DropTable(
                name: "mediation_mediators");

            migrationBuilder.DropTable(
                name: "mediation_notifications");

            migrationBuilder.DropTable(
                name: "mediation_settings");

            migrationBuilder.DropIndex(
                name: "IX_mediation_bookings_InviteCode",
                table: "mediation_bookings");

            migrationBuilder.DropIndex(
                name: "IX_mediation_bookings_MediatorId_SlotStart",
                table: "mediation_bookings");

            migrationBuilder.DropColumn(
                name: "OpenOnMakeUpWorkdays",
                table: "mediation_rooms");

            migrationBuilder.DropColumn(
                name: "PhotoUrl",
                table: "mediation_rooms");

            migrationBuilder.DropColumn(
                name: "Village",
                table: "mediation_rooms");

            migrationBuilder.DropColumn(
                name: "CheckedInAt",
                table: "mediation_bookings");

            migrationBuilder.DropColumn(
                name: "InviteCode",
                table: "mediation_bookings");

            migrationBuilder.DropColumn(
                name: "MediatorId",
                table: "mediation_bookings");

            migrationBuilder.DropColumn(
                name: "MediatorName",
                table: "mediation_bookings");

            migrationBuilder.DropColumn(
                name: "OtherPartyAcceptedAt",
                table: "mediation_bookings");

            migrationBuilder.DropColumn(
                name: "OtherPartyUserId",
                table: "mediation_bookings");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "mediation_bookings");

            migrationBuilder.DropColumn(
                name: "OutcomeAt",
                table: "mediation_bookings");

            migrationBuilder.DropColumn(
                name: "OutcomeNote",
                table: "mediation_bookings");

            migrationBuilder.DropColumn(
                name: "ReminderSentAt",
                table: "mediation_bookings");

            migrationBuilder.DropColumn(
                name: "Reschedules",
                table: "mediation_bookings");

            migrationBuilder.AddColumn<string>(
                name: "Mediators",
                table: "mediation_rooms",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");
        }
    }
}
