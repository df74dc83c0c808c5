using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Otrabotka.Functions.Composition;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<Otrabotka.Functions.Http.UnhandledFailureMiddleware>();
builder.Services.AddOtrabotka(builder.Configuration);
builder.Services.AddOtrabotkaTelemetry(builder.Configuration);
var host = builder.Build();

// Before any trigger or request: IIN index rows from before the HMAC keys are re-keyed (idempotent).
await host.Services.GetRequiredService<Otrabotka.Functions.Storage.IinIndexMigration>().RunAsync(CancellationToken.None);
await host.RunAsync();
