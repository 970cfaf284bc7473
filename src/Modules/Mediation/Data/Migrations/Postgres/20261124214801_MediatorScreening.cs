using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhizhi.Orchard.Mediation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MediatorScreening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Conflicts",
                table: "mediation_mediators",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: false,
                defaultValueSql: "'[]'");

            migrationBuilder.AddColumn<string>(
                name: "Village",
                table: "mediation_mediators",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VillageGroup",
                table: "mediation_mediators",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Conflicts",
                table: "mediation_mediators");

            migrationBuilder.DropColumn(
                name: "Village",
                table: "mediation_mediators");

            migrationBuilder.DropColumn(
                name: "VillageGroup",
                table: "mediation_mediators");
        }
    }
}
