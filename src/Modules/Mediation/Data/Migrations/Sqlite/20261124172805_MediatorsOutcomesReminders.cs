using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhizhi.Orchard.Mediation.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PhotoUrl",
                table: "mediation_rooms",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Village",
                table: "mediation_rooms",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CheckedInAt",
                table: "mediation_bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InviteCode",
                table: "mediation_bookings",
                type: "TEXT",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MediatorId",
                table: "mediation_bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MediatorName",
                table: "mediation_bookings",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OtherPartyAcceptedAt",
                table: "mediation_bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OtherPartyUserId",
                table: "mediation_bookings",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "mediation_bookings",
                type: "TEXT",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OutcomeAt",
                table: "mediation_bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutcomeNote",
                table: "mediation_bookings",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderSentAt",
                table: "mediation_bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Reschedules",
                table: "mediation_bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "mediation_mediator_absences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MediatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    End = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_mediator_absences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mediation_mediator_holds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MediatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    BookingId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Specialties = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    RoomIds = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_mediators", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mediation_notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mediation_settings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangeLimitHours = table.Column<int>(type: "INTEGER", nullable: false),
                    ReminderWebhookUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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
                type: "TEXT",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");
        }
    }
}
