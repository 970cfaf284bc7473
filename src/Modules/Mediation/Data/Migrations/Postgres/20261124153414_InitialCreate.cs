using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Zhizhi.Orchard.Mediation.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoomId = table.Column<int>(type: "integer", nullable: false),
                    SlotStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SlotEnd = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActiveSlotKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    OtherParty = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ApplicantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ApplicantName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_bookings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mediation_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeliveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mediation_rooms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Brand = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Specialties = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    SlotMinutes = table.Column<int>(type: "integer", nullable: false),
                    OpeningHours = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    ClosedDays = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Mediators = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
