using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhizhi.Orchard.Mediation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mediation_bookings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoomId = table.Column<int>(type: "INTEGER", nullable: false),
                    SlotStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SlotEnd = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActiveSlotKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OtherParty = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ApplicantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ApplicantName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_bookings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mediation_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mediation_rooms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Brand = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Specialties = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    SlotMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    OpeningHours = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    ClosedDays = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Mediators = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_rooms", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mediation_bookings_ActiveSlotKey",
                table: "mediation_bookings",
                column: "ActiveSlotKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mediation_bookings_ApplicantId_SlotStart",
                table: "mediation_bookings",
                columns: new[] { "ApplicantId", "SlotStart" });

            migrationBuilder.CreateIndex(
                name: "IX_mediation_bookings_Code",
                table: "mediation_bookings",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_mediation_bookings_RoomId_SlotStart",
                table: "mediation_bookings",
                columns: new[] { "RoomId", "SlotStart" });

            migrationBuilder.CreateIndex(
                name: "IX_mediation_bookings_Status_SlotStart",
                table: "mediation_bookings",
                columns: new[] { "Status", "SlotStart" });

            migrationBuilder.CreateIndex(
                name: "IX_mediation_outbox_DeliveredAt_NextAttemptAt",
                table: "mediation_outbox",
                columns: new[] { "DeliveredAt", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mediation_bookings");

            migrationBuilder.DropTable(
                name: "mediation_outbox");

            migrationBuilder.DropTable(
                name: "mediation_rooms");
        }
    }
}
