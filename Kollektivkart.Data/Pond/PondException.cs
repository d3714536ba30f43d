namespace Kollektivkart.Data.Pond;

/// <summary>A problem with the pond or its contents that the user can fix; its message is shown as is.</summary>
public sealed class PondException(string message, Exception? inner = null) : Exception(message, inner);
