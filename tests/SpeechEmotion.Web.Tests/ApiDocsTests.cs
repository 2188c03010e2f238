using System.Net;
using System.Text.Json;

namespace SpeechEmotion.Web.Tests;

/// <summary>The OpenAPI document of /api/* and the Swagger UI page that browses it.</summary>
public sealed class ApiDocsTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    [Fact]
    public async Task Document_DescribesPredict_AsAWavUploadWithItsQueryParameters()
    {
        // When the OpenAPI document is fetched
        using var document = await DocumentAsync();
        var predict = document.RootElement.GetProperty("paths").GetProperty("/api/predict").GetProperty("post");

        // Then the upload is a required multipart field "file" of binary data, or a raw WAV body
        var body = predict.GetProperty("requestBody");
        Assert.True(body.GetProperty("required").GetBoolean());
        var multipart = body.GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        Assert.Equal(["file"], multipart.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("binary", multipart.GetProperty("properties").GetProperty("file").GetProperty("format").GetString());
        Assert.Equal("binary", body.GetProperty("content").GetProperty("audio/wav").GetProperty("schema").GetProperty("format").GetString());

        // And the query parameters timeline (boolean) and hop (number) are described
        var parameters = predict.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["timeline", "hop"], parameters.Keys);
        Assert.All(parameters.Values, p => Assert.Equal("query", p.GetProperty("in").GetString()));
        Assert.Equal("boolean", parameters["timeline"].GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("number", parameters["hop"].GetProperty("schema").GetProperty("type").GetString());
        Assert.Contains("0.25", parameters["hop"].GetProperty("description").GetString());
    }

    [Fact]
    public async Task Document_DescribesPredictsAnswer_AndEveryErrorAsTheErrorJson()
    {
        using var document = await DocumentAsync();
        var root = document.RootElement;
        var responses = root.GetProperty("paths").GetProperty("/api/predict").GetProperty("post").GetProperty("responses");

        // The 200 answer is the prediction, with the snake_case names the API writes
        Assert.Equal(["200", "400", "413", "415", "503"], responses.EnumerateObject().Select(r => r.Name));
        var prediction = Resolve(root, SchemaOf(responses.GetProperty("200")));
        var properties = prediction.GetProperty("properties");
        Assert.Equal(["file", "label", "confidence", "probabilities", "duration_seconds", "timeline"], properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["label", "confidence", "probabilities", "duration_seconds"], prediction.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("number", properties.GetProperty("confidence").GetProperty("type").GetString());
        Assert.Equal("number", properties.GetProperty("probabilities").GetProperty("additionalProperties").GetProperty("type").GetString());

        // Every 4xx/5xx is { error, request_id } with a description of when it happens
        foreach (string status in new[] { "400", "413", "415", "503" })
        {
            var error = Resolve(root, SchemaOf(responses.GetProperty(status)));
            Assert.Equal(["error", "request_id"], error.GetProperty("properties").EnumerateObject().Select(p => p.Name));
            Assert.NotEqual("Bad Request", responses.GetProperty(status).GetProperty("description").GetString());
        }
        Assert.Contains("hop", responses.GetProperty("400").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Document_CoversExactlyTheApi_HealthIncluded()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");

        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
        Assert.Equal(["/api/health", "/api/model", "/api/predict"], paths.EnumerateObject().Select(p => p.Name).Order());
        var health = paths.GetProperty("/api/health").GetProperty("get").GetProperty("responses");
        Assert.Equal(["200", "503"], health.EnumerateObject().Select(r => r.Name));
        Assert.True(SchemaOf(health.GetProperty("503")).GetProperty("properties").TryGetProperty("checks", out _));
        var model = Resolve(document.RootElement, SchemaOf(paths.GetProperty("/api/model").GetProperty("get").GetProperty("responses").GetProperty("200")));
        Assert.True(model.GetProperty("properties").TryGetProperty("labels", out _));
    }

    [Fact]
    public async Task SwaggerUi_IsServedByTheAppItself_PointingAtTheDocument()
    {
        // When the UI page and its script are fetched
        var page = await _client.GetAsync("/swagger/index.html");
        string html = await page.Content.ReadAsStringAsync();
        string config = await _client.GetStringAsync("/swagger/index.js");
        var bundle = await _client.GetAsync("/swagger/swagger-ui-bundle.js");

        // Then everything comes from the app (no CDN), and the UI loads the app's document
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<div id=\"swagger-ui\">", html);
        Assert.DoesNotContain("://", html.Replace("http://www.w3.org", ""));
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Contains("\"url\":\"/openapi/v1.json\"", config);
    }

    [Fact]
    public async Task DocsPath_HasItsOwnPolicy_AndThePageKeepsTheStrictOne()
    {
        var docs = await _client.GetAsync("/swagger/index.html");
        var page = await _client.GetAsync("/");

        string docsPolicy = docs.Headers.GetValues("Content-Security-Policy").Single();
        string pagePolicy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(SecurityHeaders.DocsContentSecurityPolicy, docsPolicy);
        Assert.Contains("script-src 'self';", docsPolicy);
        Assert.Contains("frame-ancestors 'none'", docsPolicy);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, pagePolicy);
        Assert.DoesNotContain("unsafe", pagePolicy);
    }

    private async Task<JsonDocument> DocumentAsync()
    {
        var response = await _client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static JsonElement SchemaOf(JsonElement response) =>
        response.GetProperty("content").GetProperty("application/json").GetProperty("schema");

    /// <summary>Follows a <c>$ref</c> into components/schemas.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..])
            : schema;
}
