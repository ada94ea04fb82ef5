using CovalentBond.Identity.Http;
using CovalentBond.Identity.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Identity;

/// <summary>The API's sign-in: the <c>Identity</c> settings, the token validator and the gate, for every HTTP host.</summary>
public static class IdentityServices
{
    public static IServiceCollection AddApiSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new IdentityOptions();
        configuration.GetSection(IdentityOptions.SectionName).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new AccessTokenValidator(sp.GetRequiredService<IdentityOptions>()));
        services.AddSingleton<ApiGate>();
        return services;
    }
}
