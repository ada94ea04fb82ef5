namespace CovalentBond.Publishing.Identity;

/// <summary>Who created or last changed a post, as its record keeps them: the object id, and the name at that time.</summary>
public sealed record Principal(string Id, string Name)
{
    public static Principal Of(Caller caller) => new(caller.Id, caller.Name);
}
