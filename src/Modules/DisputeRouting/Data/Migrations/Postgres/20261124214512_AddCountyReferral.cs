using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhizhi.Orchard.DisputeRouting.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddCountyReferral : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CountyDeadlineAt",
                table: "disputes_cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CountyOutcome",
                table: "disputes_cases",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CountyOutcomeAt",
                table: "disputes_cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CountyOutcomeBy",
                table: "disputes_cases",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CountyOutcomeText",
                table: "disputes_cases",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CountyReferredAt",
                table: "disputes_cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CountyStatus",
                table: "disputes_cases",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CountyDeadlineAt",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "CountyOutcome",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "CountyOutcomeAt",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "CountyOutcomeBy",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "CountyOutcomeText",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "CountyReferredAt",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "CountyStatus",
                table: "disputes_cases");
        }
    }
}
