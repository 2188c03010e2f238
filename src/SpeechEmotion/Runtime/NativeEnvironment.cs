using System.Runtime.InteropServices;

namespace SpeechEmotion.Runtime;

/// <summary>
/// The process environment as native libraries (OpenMP, oneDNN inside LibTorch) read it. On Unix,
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes only .NET's copy, so this calls the C library.
/// </summary>
internal static class NativeEnvironment
{
    /// <summary>
    /// Sets <paramref name="name"/> to <paramref name="value"/> unless it is set already (a user's value is kept).
    /// Returns the value in effect afterwards, or null where the C library could not be called.
    /// </summary>
    public static string? SetDefault(string name, string value)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                if (Environment.GetEnvironmentVariable(name) is null)
                    Environment.SetEnvironmentVariable(name, value);
                return Environment.GetEnvironmentVariable(name);
            }
            setenv(name, value, overwrite: 0);
            return Marshal.PtrToStringAnsi(getenv(name));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr getenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}

/// <summary>A variable a native library reads once: set to its default on the first <see cref="Apply"/>, never after.</summary>
internal sealed class NativeEnvironmentDefault(string name, string value)
{
    private readonly Lazy<string?> effective = new(() => NativeEnvironment.SetDefault(name, value));

    /// <summary>Sets the default unless the variable is set already (first call only; thread-safe) and returns the value in effect.</summary>
    public string? Apply() => effective.Value;

    /// <summary>The value in effect after <see cref="Apply"/>; null before, or where it could not be set.</summary>
    public string? Effective => effective.IsValueCreated ? effective.Value : null;
}
