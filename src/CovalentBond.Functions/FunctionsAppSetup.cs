using CovalentBond.Storage.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;

namespace CovalentBond.Functions;

/// <summary>Everything <c>Program.cs</c> registers, in one place the tests can call too.</summary>
public static class FunctionsAppSetup
{
    public static FunctionsApplicationBuilder AddCovalentBondFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddCovalentBond(builder.Configuration);
        return builder;
    }
}
