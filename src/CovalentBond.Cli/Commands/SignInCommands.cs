using System.CommandLine;
using CovalentBond.Cli.Api;
using CovalentBond.Cli.SignIn;

namespace CovalentBond.Cli.Commands;

/// <summary>
/// <c>covalent login</c> and <c>covalent logout</c>: sign in to a site's API with a code entered in a browser (the device
/// authorization grant), keep the tokens in the user's profile, and forget them.
/// </summary>
internal static class SignInCommands
{
    public static Command Login(TextWriter output, TextWriter error)
    {
        var apiOption = CliConfiguration.ApiOption();
        var authority = new Option<string?>("--authority") { Description = "The OpenID authority: https://login.microsoftonline.com/<tenant>/v2.0 (or \"authority\" in the config file)." };
        var clientId = new Option<string?>("--client-id") { Description = "The application (client) id of the CLI's app registration, a public client (or \"clientId\" in the config file)." };
        var scope = new Option<string?>("--scope") { Description = "The API's scope: <Application ID URI>/Posts.ReadWrite or <Application ID URI>/.default (or \"scope\" in the config file)." };
        var command = new Command("login", "Sign in to the site's API: open the address shown, enter the code, sign in there. The tokens are kept in your profile for the next commands.")
        {
            apiOption, authority, clientId, scope,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var api = ApiSettings.Resolve(parse.GetValue(apiOption))
                ?? throw new CliException("login signs in to the site's API: give --api https://<site>/ (or \"api\" in the config file)");
            var file = ApiSettings.ReadConfigFile();
            var where = parse.GetValue(authority) ?? file?.Authority ?? throw new CliException("give --authority (https://login.microsoftonline.com/<tenant>/v2.0), or \"authority\" in the config file");
            var client = parse.GetValue(clientId) ?? file?.ClientId ?? throw new CliException("give --client-id (the CLI's app registration), or \"clientId\" in the config file");
            var wanted = parse.GetValue(scope) ?? file?.Scope ?? throw new CliException("give --scope (<the API's Application ID URI>/.default), or \"scope\" in the config file");
            if (!Uri.TryCreate(where, UriKind.Absolute, out var authorityUri) || !(authorityUri.Scheme == Uri.UriSchemeHttps || (authorityUri.Scheme == Uri.UriSchemeHttp && authorityUri.IsLoopback)))
            {
                throw new CliException($"'{where}' is not an https authority");
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
            var signIn = await new DeviceCodeSignIn(http, TimeProvider.System).SignInAsync(api.BaseAddress, where, client, wanted, output, cancellationToken);
            SignInStore.Save(ApiSettings.SignInPath, signIn);

            // Who the API takes the new token for, as whoami says it.
            using var apiClient = new ApiClient(api with { Token = signIn.AccessToken });
            var me = await apiClient.WhoAmIAsync(cancellationToken);
            await output.WriteLineAsync(me.IsSuccess
                ? $"Signed in to {api.BaseAddress} as {me.Get("name")} ({string.Join(", ", me.Body!.Value.GetProperty("roles").EnumerateArray().Select(r => r.GetString()))}); the sign-in is kept in {ApiSettings.SignInPath}"
                : $"Signed in; the API answered {me.Status} to whoami: {me.Get("detail") ?? me.Text}");
            return me.IsSuccess ? ExitCodes.Success : ExitCodes.SomeFailed;
        });
        return command;
    }

    public static Command Logout(TextWriter output)
    {
        var apiOption = CliConfiguration.ApiOption();
        var command = new Command("logout", "Forget the sign-in kept for the site's API (its tokens end on their own within the hour).") { apiOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var api = ApiSettings.Resolve(parse.GetValue(apiOption))
                ?? throw new CliException("logout forgets the sign-in of a site's API: give --api https://<site>/ (or \"api\" in the config file)");
            await output.WriteLineAsync(SignInStore.Forget(ApiSettings.SignInPath, api.BaseAddress)
                ? $"Signed out of {api.BaseAddress}."
                : $"No sign-in was kept for {api.BaseAddress}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
