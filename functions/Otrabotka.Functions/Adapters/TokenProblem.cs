using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;

namespace Otrabotka.Functions.Adapters;

public enum TokenProblem
{
    None,
    Malformed,
    Tampered,
    Expired,
}
