
namespace CovalentBond.Publishing.Ports;

/// <summary>Where a host reads the site owner's theme from (the <c>theme</c> container in Azure).</summary>
public interface IThemeSource
{
    Task<Theme.Theme> LoadAsync(CancellationToken cancellationToken);
}
