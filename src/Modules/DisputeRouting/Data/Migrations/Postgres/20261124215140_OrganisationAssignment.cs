using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Zhizhi.Orchard.DisputeRouting.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrganisationAssignment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "disputes_parties",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VillageGroup",
                table: "disputes_parties",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MediatorId",
                table: "disputes_cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MediatorName",
                table: "disputes_cases",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "disputes_assignment_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Village = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Assignee = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Scope = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_assignment_rules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_MediatorId_Status",
                table: "disputes_cases",
                columns: new[] { "MediatorId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_assignment_rules_Scope",
                table: "disputes_assignment_rules",
                column: "Scope",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disputes_assignment_rules");

            migrationBuilder.DropIndex(
                name: "IX_disputes_cases_MediatorId_Status",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "disputes_parties");

            migrationBuilder.DropColumn(
                name: "VillageGroup",
                table: "disputes_parties");

            migrationBuilder.DropColumn(
                name: "MediatorId",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "MediatorName",
                table: "disputes_cases");
        }
    }
}
