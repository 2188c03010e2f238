using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SpeechEmotion.Inference;

namespace SpeechEmotion.Web;

/// <summary>
/// The OpenAPI document of <c>/api/*</c> (<see cref="DocumentPath"/>, Microsoft.AspNetCore.OpenApi) and a browsable
/// Swagger UI (<see cref="UiPath"/>) whose files are embedded in the app: no CDN, and a CSP of its own
/// (<see cref="SecurityHeaders.DocsContentSecurityPolicy"/>).
/// </summary>
internal static class ApiDocs
{
    /// <summary>Name of the one document.</summary>
    public const string DocumentName = "v1";

    /// <summary>Where the OpenAPI document (JSON, OpenAPI 3.1) is served.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Where the Swagger UI page is served.</summary>
    public const string UiPath = "/swagger";

    /// <summary>The health endpoint's path.</summary>
    public const string HealthPath = "/api/health";

    /// <summary>Registers the OpenAPI document generator, with schemas as the API writes its JSON.</summary>
    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        // The schemas are derived from these options: make them the API's own (PredictionJson), so the document
        // says snake_case, enums as strings, omitted nulls and numbers as numbers, as the answers are written.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = PredictionJson.Options.PropertyNamingPolicy;
            json.SerializerOptions.DefaultIgnoreCondition = PredictionJson.Options.DefaultIgnoreCondition;
            foreach (var converter in PredictionJson.Options.Converters) json.SerializerOptions.Converters.Add(converter);
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.RespectNullableAnnotations = true;
        });
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer(async (document, context, ct) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "SpeechEmotion API",
                    Version = DocumentName,
                    Description = "Speech emotion recognition: upload a WAV clip, get a label and every label's probability. " +
                                  $"Every response carries an `{RequestIds.HeaderName}` header. Errors are `{{ \"error\": \"...\", \"request_id\": \"...\" }}` " +
                                  "with the same id: quote it when reporting a problem.",
                };
                await AddHealthAsync(document, context, ct);
            });
            options.AddSchemaTransformer((schema, context, ct) =>
            {
                // A prediction always has these; only the file name (unnamed samples) and the timeline may be absent.
                if (context.JsonTypeInfo.Type == typeof(EmotionPrediction))
                {
                    schema.Required = new HashSet<string> { "label", "confidence", "probabilities", "duration_seconds" };
                    schema.Description = "The emotion predicted for one clip: the most probable label, its probability, every label's " +
                                         "probability in model label order, the clip's duration and, when asked for, the timeline.";
                    if (schema.Properties?.TryGetValue("confidence", out var confidence) == true && confidence is OpenApiSchema c)
                        c.Description = "The probability of `label`, in [0, 1].";
                }
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Serves the document and the UI.</summary>
    public static WebApplication UseApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = UiPath.TrimStart('/');
            ui.DocumentTitle = "SpeechEmotion API";
            ui.SwaggerEndpoint(DocumentPath, "SpeechEmotion API " + DocumentName);
        });
        return app;
    }

    /// <summary>Describes <c>POST /api/predict</c>: the body it reads itself, its query parameters, answer and errors.</summary>
    public static RouteHandlerBuilder DescribePredict(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("Predict")
        .WithTags("Prediction")
        .WithSummary("Predict the emotion of a WAV clip")
        .WithDescription("Send a WAV file as the multipart form field `file`, or as the raw body with `Content-Type: audio/wav` " +
                         "(or `application/octet-stream`). The answer's label is the most probable over the whole clip (the mean " +
                         "over model windows half a window apart for a clip longer than one window); the timeline, when present, " +
                         "holds each window's prediction. The file is read into memory and never stored.")
        .Produces<EmotionPrediction>(StatusCodes.Status200OK, "application/json")
        .Produces<ApiErrorBody>(StatusCodes.Status400BadRequest, "application/json")
        .Produces<ApiErrorBody>(StatusCodes.Status413PayloadTooLarge, "application/json")
        .Produces<ApiErrorBody>(StatusCodes.Status415UnsupportedMediaType, "application/json")
        .Produces<ApiErrorBody>(StatusCodes.Status503ServiceUnavailable, "application/json")
        .AddOpenApiOperationTransformer((operation, context, ct) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "timeline",
                In = ParameterLocation.Query,
                Description = "Return the per-window timeline: `true` or `false`. Default: only for clips longer than the model window.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Boolean },
            });
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "hop",
                In = ParameterLocation.Query,
                Description = "Timeline hop in seconds. Default `Upload:TimelineHopSeconds` (1.0); at least `Upload:MinHopSeconds` (0.25).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double", ExclusiveMinimum = "0" },
            });
            var wav = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "A WAV file (PCM or float, any channel count)." };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The clip: PCM 8/16/24/32-bit or float WAV (also RF64, AIFF), at most `Upload:MaxBytes` (25 MiB by default), " +
                              "0.1 s to 600 s long by default.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "file" },
                            Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = wav },
                        },
                        Encoding = new Dictionary<string, OpenApiEncoding> { ["file"] = new() { ContentType = "audio/wav" } },
                    },
                    ["audio/wav"] = new() { Schema = wav },
                    ["application/octet-stream"] = new() { Schema = wav },
                },
            };
            Describe(operation, StatusCodes.Status200OK, "The prediction.");
            Describe(operation, StatusCodes.Status400BadRequest,
                "A broken or empty WAV, a missing `file` field, a cut-off body, a clip outside the duration or sample-rate limits, " +
                "a bad query value, a `hop` below the minimum, or a timeline over `Upload:MaxWindows`.");
            Describe(operation, StatusCodes.Status413PayloadTooLarge, "The upload is larger than `Upload:MaxBytes`.");
            Describe(operation, StatusCodes.Status415UnsupportedMediaType, "The request is not multipart/WAV, or the file is not a WAV.");
            Describe(operation, StatusCodes.Status503ServiceUnavailable, "The analysis took longer than `Upload:TimeBudgetSeconds`, or the server is busy: more than " +
                "`Model:MaxQueuedWindows` model windows wait for the network (then with `Retry-After`).");
            return Task.CompletedTask;
        });

    /// <summary>Describes <c>GET /api/model</c>.</summary>
    public static RouteHandlerBuilder DescribeModel(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("GetModel")
        .WithTags("Model")
        .WithSummary("The served model and the upload limits")
        .WithDescription("Labels in model order, window length, feature settings, network configuration, metrics, training data, " +
                         "seed, versions and creation time from the bundle's manifest, and the upload limits.")
        .Produces<ModelInfo>(StatusCodes.Status200OK, "application/json");

    private static void Describe(OpenApiOperation operation, int status, string description)
    {
        if (operation.Responses?.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true
            && response is OpenApiResponse concrete)
        {
            concrete.Description = description;
        }
    }

    /// <summary>
    /// <c>GET /api/health</c> is mapped by MapHealthChecks, which API Explorer does not see, so it is added here.
    /// </summary>
    private static async Task AddHealthAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        var body = await context.GetOrCreateSchemaAsync(typeof(HealthReportBody), cancellationToken: ct);
        OpenApiResponse Json(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body } },
        };
        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = "Health" });
        document.Paths ??= [];
        document.Paths[HealthPath] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "GetHealth",
                    Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                    Summary = "Readiness: the model is loaded and the start-up warm-up prediction has run",
                    Description = "Checks `model` and `warm_up`, each Healthy, Degraded or Unhealthy. Unhealthy until the warm-up " +
                                  "prediction has run (a few seconds after start-up).",
                    Responses = new OpenApiResponses
                    {
                        ["200"] = Json("Healthy (or Degraded): ready to predict."),
                        ["503"] = Json("Unhealthy: not ready yet, or a check failed; the checks say which."),
                    },
                },
            },
        };
    }
}
