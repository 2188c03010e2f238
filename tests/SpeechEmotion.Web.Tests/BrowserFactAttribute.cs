namespace SpeechEmotion.Web.Tests;

/// <summary>A test that needs the system Chromium; skipped, with the reason, where it is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath)) Skip = $"{ChromiumPath} is not installed (apt-get install -y chromium); browser tests need it.";
    }
}
