using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Otrabotka.Functions.Composition;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<Otrabotka.Functions.Http.UnhandledFailureMiddleware>();
builder.Services.AddOtrabotka(builder.Configuration);
builder.Services.AddOtrabotkaTelemetry(builder.Configuration);
builder.Build().Run();
