namespace CovalentBond.Publishing.Theme;

/// <summary>
/// The theme a process renders with, replaceable while it runs: the change watcher and republish
/// workers load a site owner's new theme without a restart.
/// </summary>
public sealed class CurrentTheme(Theme initial)
{
    private Theme theme = initial;

    public Theme Theme => Volatile.Read(ref theme);

    public void Replace(Theme replacement) => Volatile.Write(ref theme, replacement);
}
