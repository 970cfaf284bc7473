#!/usr/bin/env bash
# Adds a migration for one module context, for both providers (EF migrations are provider specific).
# Usage: scripts/add-migration.sh <project dir> <ContextBaseName> <MigrationName> <RootNamespace>
#   e.g. scripts/add-migration.sh src/Modules/Users Users InitialCreate Zhizhi.Orchard.Users
# generates Data/Migrations/Sqlite (UsersSqliteDbContext) and Data/Migrations/Postgres (UsersPostgresDbContext).
set -euo pipefail
cd "$(dirname "$0")/.."
project=$1; context=$2; name=$3; ns=$4
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project "$project" --startup-project src/Host/Zhizhi.Orchard.Host \
    --context "${context}${provider}DbContext" \
    --output-dir "Data/Migrations/${provider}" \
    --namespace "${ns}.Data.Migrations.${provider}"
  # EF writes a new snapshot into a folder named after the namespace: keep it beside its migrations.
  nsdir="$project/${ns//.//}"
  if [ -d "$nsdir" ]; then
    find "$nsdir" -name '*ModelSnapshot.cs' -exec mv {} "$project/Data/Migrations/${provider}/" \;
    rm -rf "$project/${ns%%.*}"
  fi
done
