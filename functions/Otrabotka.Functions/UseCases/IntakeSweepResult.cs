using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

public sealed record IntakeSweepResult(int Examined, int Validated, int Removed);
