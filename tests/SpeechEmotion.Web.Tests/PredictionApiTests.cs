using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SpeechEmotion.Audio;
using SpeechEmotion.Inference;
using SpeechEmotion.Modeling;
using SpeechEmotion.Tests.Inference;

namespace SpeechEmotion.Web.Tests;

public sealed class PredictionApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    /// <summary>The MP3/Ogg fixtures of the feature tests, linked into this project's output.</summary>
    private static readonly string CompressedFolder = Path.Combine(AppContext.BaseDirectory, "TestData", "compressed");

    [Fact]
    public async Task Model_ReportsLabelsFeatureSettingsAndMetricsFromTheManifest()
    {
        using var json = await GetJsonAsync("/api/model", HttpStatusCode.OK);
        var root = json.RootElement;

        Assert.Equal(EmotionLabels.Ravdess, root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(248, root.GetProperty("feature_options").GetProperty("max_frames").GetInt32());
        Assert.Equal(22050, root.GetProperty("feature_options").GetProperty("sample_rate").GetInt32());
        Assert.Equal(0.125, root.GetProperty("metrics").GetProperty("test_accuracy").GetDouble());
        Assert.Equal(1234, root.GetProperty("seed").GetInt32());
        Assert.Equal(128, root.GetProperty("model").GetProperty("conv_channels").GetInt32());
        Assert.Equal(1, root.GetProperty("networks").GetInt32());
        Assert.Equal(WebAppFixture.MaxUploadBytes, root.GetProperty("limits").GetProperty("max_upload_bytes").GetInt64());
        Assert.InRange(root.GetProperty("window_seconds").GetDouble(), 5.7, 5.8);
    }

    [Fact]
    public async Task Predict_MultipartUpload_ReturnsTheClipsPrediction()
    {
        // Given a sample clip
        string path = TestBundles.SampleClips[0];

        // When it is uploaded as the multipart field "file"
        using var json = await PostAsync(Multipart(File.ReadAllBytes(path), "my clip.wav"), HttpStatusCode.OK);

        // Then the answer is the recognizer's, with every label in model order and probabilities summing to 1
        AssertPrediction(json.RootElement, app.Recognizer.Predict(path), "my clip.wav");
    }

    [Fact]
    public async Task Predict_RawWavBody_ReturnsTheClipsPrediction()
    {
        string path = TestBundles.SampleClips[1];
        var body = new ByteArrayContent(File.ReadAllBytes(path));
        body.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        using var json = await PostAsync(body, HttpStatusCode.OK);

        AssertPrediction(json.RootElement, app.Recognizer.Predict(path), "upload.wav");
    }

    [Fact]
    public async Task Predict_OctetStreamBody_IsAcceptedToo()
    {
        var body = new ByteArrayContent(File.ReadAllBytes(TestBundles.SampleClips[2]));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var json = await PostAsync(body, HttpStatusCode.OK);

        Assert.Contains(json.RootElement.GetProperty("label").GetString(), EmotionLabels.Ravdess);
    }

    [Fact]
    public async Task Predict_WavWithoutAudioData_Returns400WithAMessageNamingTheFile()
    {
        // Given a WAV header with a format chunk and no data chunk
        var full = WavWriter.ToBytes([], 16000);
        var wav = full.AsSpan(0, full.AsSpan().IndexOf("data"u8)).ToArray();

        using var json = await PostAsync(Multipart(wav, "empty-header.wav"), HttpStatusCode.BadRequest);

        Assert.StartsWith("empty-header.wav: ", Error(json));
    }

    [Fact]
    public async Task Predict_TruncatedWav_Returns400WithAMessageNamingTheFile()
    {
        // Given the first 30 bytes of a real WAV file (its header cut in the middle)
        var wav = File.ReadAllBytes(TestBundles.SampleClips[0]).AsSpan(0, 30).ToArray();

        using var json = await PostAsync(Multipart(wav, "cut.wav"), HttpStatusCode.BadRequest);

        Assert.StartsWith("cut.wav: ", Error(json));
    }

    [Fact]
    public async Task Predict_FileThatIsNotAudio_Returns415WithAMessage()
    {
        using var json = await PostAsync(Multipart(Encoding.UTF8.GetBytes("%PDF-1.7 pretend this is a document"), "notes.wav"),
            HttpStatusCode.UnsupportedMediaType);

        Assert.StartsWith("notes.wav: not a WAV, AIFF, MP3 or Ogg Vorbis file", Error(json));
    }

    [Fact]
    public async Task Predict_Mp3Upload_ReturnsTheClipsPrediction()
    {
        // Given an MP3 clip (ID3 tag first), sent as a multipart field whose declared type says WAV
        string path = Path.Combine(CompressedFolder, "speech.mp3");

        // When it is uploaded
        using var json = await PostAsync(Multipart(File.ReadAllBytes(path), "speech.mp3"), HttpStatusCode.OK);

        // Then the content decides the format, and the answer is the recognizer's for that file
        AssertPrediction(json.RootElement, app.Recognizer.Predict(path), "speech.mp3");
        Assert.Equal(2.0, json.RootElement.GetProperty("duration_seconds").GetDouble(), 6);
    }

    [Fact]
    public async Task Predict_RawOggBody_ReturnsTheClipsPrediction()
    {
        string path = Path.Combine(CompressedFolder, "speech.ogg");
        var body = new ByteArrayContent(File.ReadAllBytes(path));
        body.Headers.ContentType = new MediaTypeHeaderValue("audio/ogg");

        using var json = await PostAsync(body, HttpStatusCode.OK);

        AssertPrediction(json.RootElement, app.Recognizer.Predict(path), "upload.ogg");
    }

    [Theory]
    [InlineData("ID3 pretend this is an mp3 file")]   // an ID3 start with a damaged header
    [InlineData("ID3\u0003\u0000\u0000\u0000\u0000\u0000\u0010only a tag, no audio frames after it")]
    [InlineData("OggS\u0000 and then nothing that decodes")]
    public async Task Predict_BrokenMp3OrOgg_Returns400NamingTheFile(string content)
    {
        var bytes = Encoding.Latin1.GetBytes(System.Text.RegularExpressions.Regex.Unescape(content));

        using var json = await PostAsync(Multipart(bytes, "song.mp3"), HttpStatusCode.BadRequest);

        Assert.StartsWith("song.mp3: ", Error(json));
    }

    [Fact]
    public async Task Predict_CompressedClipOverTheDurationLimit_Returns400()
    {
        // Given a server that accepts clips of up to 1.5 s, and a 2 s Ogg clip: decoding stops at the limit and the answer says so
        Assert.Equal("upload.ogg: longer than the limit of 1.5 s of audio", await OggUploadErrorAsync("Upload:MaxDurationSeconds", "1.5"));
    }

    [Fact]
    public async Task Predict_CompressedUploadOverTheSampleBudget_StopsDecodingThereWith400()
    {
        // Given a server whose uploads may decode to 10000 samples, and a 2 s Ogg clip (44100 samples at 22050 Hz):
        // decoding stops at the budget and the answer says so
        Assert.Equal("upload.ogg: decodes to more than the limit of 10000 samples", await OggUploadErrorAsync("Upload:MaxDecodedSamples", "10000"));
    }

    // Posts the 2 s Ogg fixture as a raw audio/ogg body to a server with one setting changed; expects 400 and returns its error.
    private async Task<string> OggUploadErrorAsync(string setting, string value)
    {
        using var factory = app.Factory.WithWebHostBuilder(web => web.UseSetting(setting, value));
        using var client = factory.CreateClient();
        var body = new ByteArrayContent(File.ReadAllBytes(Path.Combine(CompressedFolder, "speech.ogg")));
        body.Headers.ContentType = new MediaTypeHeaderValue("audio/ogg");
        using var response = await client.PostAsync("/api/predict", body);
        using var json = await JsonAsync(response, HttpStatusCode.BadRequest);
        return Error(json);
    }

    [Fact]
    public async Task Predict_UnsupportedRequestType_Returns415()
    {
        using var json = await PostAsync(new StringContent("{\"audio\": 1}", Encoding.UTF8, "application/json"),
            HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("multipart/form-data", Error(json));
    }

    [Fact]
    public async Task Predict_UploadOverTheLimit_Returns413Json()
    {
        // Given a valid WAV larger than the configured 400 kB limit
        var wav = WavWriter.ToBytes(new float[300_000], 16000);

        // Then multipart and raw uploads are both refused with 413 and a message
        using var multipart = await PostAsync(Multipart(wav, "long.wav"), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("larger than the limit", Error(multipart));
        var raw = new ByteArrayContent(wav);
        raw.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        using var rawJson = await PostAsync(raw, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("larger than the limit", Error(rawJson));
    }

    [Fact]
    public async Task Predict_ClipTooShort_Returns400()
    {
        using var json = await PostAsync(Multipart(WavWriter.ToBytes(new float[400], 16000), "blip.wav"), HttpStatusCode.BadRequest);

        Assert.Contains("blip.wav: the clip is 0.025 s long", Error(json));
    }

    [Fact]
    public async Task Predict_ClipLongerThanTheWindow_IncludesATimeline()
    {
        // Given the sample clip longer than the model window
        string path = TestBundles.LongClip;

        // When it is uploaded without options
        using var json = await PostAsync(Multipart(File.ReadAllBytes(path), "story.wav"), HttpStatusCode.OK);

        // Then the answer carries the recognizer's timeline with the default 1 s hop
        var expected = app.Recognizer.PredictTimeline(path, 1.0).Timeline!;
        var timeline = json.RootElement.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(expected.Count, timeline.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].StartSeconds, timeline[i].GetProperty("start_seconds").GetDouble(), 6);
            Assert.Equal(expected[i].EndSeconds, timeline[i].GetProperty("end_seconds").GetDouble(), 6);
            Assert.Equal(expected[i].Label, timeline[i].GetProperty("label").GetString());
        }
    }

    [Fact]
    public async Task Predict_ShortClip_HasATimelineOnlyWhenAskedFor()
    {
        byte[] wav = File.ReadAllBytes(TestBundles.SampleClips[0]);

        using var plain = await PostAsync(Multipart(wav, "a.wav"), HttpStatusCode.OK);
        using var asked = await PostAsync(Multipart(wav, "a.wav"), HttpStatusCode.OK, "?timeline=true&hop=0.5");
        using var refused = await PostAsync(Multipart(wav, "a.wav"), HttpStatusCode.BadRequest, "?hop=-2");

        Assert.False(plain.RootElement.TryGetProperty("timeline", out _));
        Assert.Single(asked.RootElement.GetProperty("timeline").EnumerateArray());
        Assert.Contains("hop", Error(refused));
    }

    [Fact]
    public async Task Predict_ConcurrentRequestsForDifferentClips_EachGetTheirOwnClipsAnswer()
    {
        // Given 8 different clips: the samples and quieter copies of them, with their direct predictions
        var clips = new List<(string Name, byte[] Wav)>();
        foreach (string path in TestBundles.SampleClips)
        {
            var audio = WavReader.Read(path);
            clips.Add((Path.GetFileName(path), File.ReadAllBytes(path)));
            clips.Add(("quiet-" + Path.GetFileName(path), WavWriter.ToBytes(audio.Samples.Select(s => s * 0.3f).ToArray(), audio.SampleRate)));
        }
        Assert.Equal(8, clips.Count);
        var expected = clips.Select(c => app.Recognizer.Predict(AudioInput.FromBytes(c.Wav)).Probabilities.Values.ToArray()).ToList();

        // When they are posted 8 at a time, three rounds
        for (int round = 0; round < 3; round++)
        {
            var answers = await Task.WhenAll(clips.Select(async c =>
            {
                using var json = await PostAsync(Multipart(c.Wav, c.Name), HttpStatusCode.OK);
                return (File: json.RootElement.GetProperty("file").GetString(), Probabilities: Probabilities(json.RootElement));
            }));

            // Then every answer belongs to its own clip
            for (int i = 0; i < clips.Count; i++)
            {
                Assert.Equal(clips[i].Name, answers[i].File);
                for (int k = 0; k < 8; k++) Assert.Equal(expected[i][k], answers[i].Probabilities[k], 5);
            }
        }
        Assert.Equal(8, expected.Select(p => string.Join(",", p.Select(v => v.ToString("F6")))).Distinct().Count());
    }

    [Fact]
    public async Task UnknownApiPath_Returns404Json()
    {
        using var json = await GetJsonAsync("/api/nothing-here", HttpStatusCode.NotFound);

        Assert.Contains("/api/nothing-here", Error(json));
    }

    [Fact]
    public async Task Page_AndItsAssets_AreServed()
    {
        string html = await _client.GetStringAsync("/");
        var script = await _client.GetAsync("/app.js");

        Assert.Contains("<title>Speech Emotion</title>", html);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Predict_WhenTheModelsQueueIsFull_Answers503WithRetryAfter()
    {
        // Given a server whose queue takes 2 windows, holding 2 windows for a caller that is still preparing
        using var factory = app.Factory.WithWebHostBuilder(web => web.UseSetting("Model:MaxQueuedWindows", "2"));
        using var client = factory.CreateClient();
        var recognizer = factory.Services.GetRequiredService<EmotionRecognizer>();
        var features = new SpeechEmotion.Features.FeatureExtractor(recognizer.FeatureOptions with { MaxFrames = null })
            .Extract(WavReader.Read(TestBundles.SampleClips[0]));
        Task<float[][]> held;
        using (recognizer.Queue.Preparing())
        {
            held = recognizer.Queue.Submit([new FeatureWindow(features, 0, 50), new FeatureWindow(features, 10, 50)],
                TimeSpan.FromSeconds(10), bounded: false, CancellationToken.None);

            // When a clip is uploaded
            using var response = await client.PostAsync("/api/predict", Multipart(File.ReadAllBytes(TestBundles.SampleClips[1]), "clip.wav"));

            // Then it is refused for now: 503, Retry-After, and a JSON error that says the server is busy
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains("busy", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(2, (await held).Length);

        // And once the queue has drained the same upload is answered
        using var again = await client.PostAsync("/api/predict", Multipart(File.ReadAllBytes(TestBundles.SampleClips[1]), "clip.wav"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    private static MultipartFormDataContent Multipart(byte[] bytes, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private async Task<JsonDocument> PostAsync(HttpContent content, HttpStatusCode expected, string query = "")
    {
        using var response = await _client.PostAsync("/api/predict" + query, content);
        return await JsonAsync(response, expected);
    }

    private async Task<JsonDocument> GetJsonAsync(string path, HttpStatusCode expected)
    {
        using var response = await _client.GetAsync(path);
        return await JsonAsync(response, expected);
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body);
    }

    private static string Error(JsonDocument json)
    {
        Assert.Equal(["error", "request_id"], json.RootElement.EnumerateObject().Select(p => p.Name));
        string message = json.RootElement.GetProperty("error").GetString()!;
        Assert.DoesNotContain("   at ", message);
        return message;
    }

    private static float[] Probabilities(JsonElement prediction) =>
        prediction.GetProperty("probabilities").EnumerateObject().Select(p => p.Value.GetSingle()).ToArray();

    private static void AssertPrediction(JsonElement json, EmotionPrediction expected, string file)
    {
        Assert.Equal(file, json.GetProperty("file").GetString());
        Assert.Equal(EmotionLabels.Ravdess, json.GetProperty("probabilities").EnumerateObject().Select(p => p.Name));
        var probabilities = Probabilities(json);
        Assert.Equal(1.0, probabilities.Sum(), 4);
        for (int k = 0; k < probabilities.Length; k++) Assert.Equal(expected.Probabilities.Values[k], probabilities[k], 5);
        Assert.Equal(expected.Label, json.GetProperty("label").GetString());
        Assert.Equal(expected.Confidence, json.GetProperty("confidence").GetSingle(), 5);
        Assert.Equal(expected.DurationSeconds, json.GetProperty("duration_seconds").GetDouble(), 6);
        Assert.False(json.TryGetProperty("timeline", out _));
    }
}
