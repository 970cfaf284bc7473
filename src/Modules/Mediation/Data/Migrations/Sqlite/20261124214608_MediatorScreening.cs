using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhizhi.Orchard.Mediation.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 20000,
                nullable: false,
                defaultValueSql: "'[]'");

            migrationBuilder.AddColumn<string>(
                name: "Village",
                table: "mediation_mediators",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VillageGroup",
                table: "mediation_mediators",
                type: "TEXT",
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
