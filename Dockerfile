# Multi-stage build of the web app; the runtime image runs as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Survey.sln ./
COPY Survey.Domain/Survey.Domain.csproj Survey.Domain/
COPY Survey.Data/Survey.Data.csproj Survey.Data/
COPY Survey.Web/Survey.Web.csproj Survey.Web/
RUN dotnet restore Survey.Web/Survey.Web.csproj
COPY Survey.Domain/ Survey.Domain/
COPY Survey.Data/ Survey.Data/
COPY Survey.Web/ Survey.Web/
COPY migrations/ migrations/
COPY indicators/ indicators/
COPY demo/ demo/
RUN dotnet publish Survey.Web/Survey.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# Fonts for charts, libgdiplus for Excel pictures, curl for the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core libgdiplus curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
RUN useradd --system --uid 10001 --home-dir /app survey
USER survey
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "Survey.Web.dll"]
