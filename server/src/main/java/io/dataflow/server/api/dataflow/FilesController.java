package io.dataflow.server.api.dataflow;

import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.spi.FileStore;
import io.dataflow.engine.store.DatabaseFileStore;
import io.dataflow.engine.store.StoredFileInfo;
import io.dataflow.server.auth.Caller;
import io.dataflow.server.limits.OrganizationLimits;
import io.dataflow.server.web.StorableText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * {@code POST /files} stores a file, sent as the raw body or as the {@code file} part of a multipart form, so that
 * it can be given to a workflow's {@code file} input; {@code GET /files/{id}} downloads a file of the caller's
 * organization, uploaded or output by a task. Another organization's file is not found, like a missing one.
 */
@RestController
@Tag(name = "Files", description = "Upload files to give to workflows' file inputs; download files that were"
        + " uploaded or that tasks output.")
class FilesController {

    private static final String DEFAULT_NAME = "upload";
    /** The length of the {@code name} and {@code content_type} columns of {@code files}. */
    private static final int MAX_TEXT = 255;

    private final DatabaseFileStore files;
    private final OrganizationLimits limits;

    FilesController(DatabaseFileStore files, OrganizationLimits limits) {
        this.files = files;
        this.limits = limits;
    }

    /** A {@code file} value: what an upload answers and what a file output or input holds. */
    @Schema(name = "FileReference")
    record FileReference(String file_id, String name, String content_type, long size, String url) {
        static FileReference of(StoredFileInfo file) {
            return new FileReference(file.id(), file.name(), file.contentType(), file.size(), FileStore.url(file.id()));
        }
    }

    @Operation(operationId = "uploadFile", summary = "Upload a file",
            description = "The body is the file; its Content-Type is the file's type. The name is the `name` query"
                    + " parameter, else the filename of a Content-Disposition header, else `upload`. A multipart"
                    + " form (multipart/form-data) with the file as its part `file` works too; the name is then"
                    + " the `name` query parameter, else the part's filename.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                            schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schemaProperties = @SchemaProperty(
                            name = "file", schema = @Schema(type = "string", format = "binary")))}))
    @ApiResponse(responseCode = "201", description = "Stored; Location is where to download it")
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_INPUTS)
    @ApiResponse(responseCode = "413", ref = DataflowOpenApi.FILE_TOO_LARGE)
    @ApiResponse(responseCode = "429", ref = DataflowOpenApi.FILE_QUOTA)
    @Parameter(name = "name", in = ParameterIn.QUERY, description = "The file's name",
            schema = @Schema(type = "string"))
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/files", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<FileReference> upload(HttpServletRequest request) throws IOException {
        limits.checkUpload(Caller.of(request).organizationId(), request.getContentLengthLong()).orThrow();
        // The body is read before any parameter: for a form-encoded body, asking for a parameter would consume it.
        byte[] content = readUpTo(request.getInputStream());
        String fileName = firstGiven(queryName(request), checkedName(dispositionFilename(request), what ->
                DataflowApiException.badHeader(HttpHeaders.CONTENT_DISPOSITION, "has a filename that " + what)));
        String type = contentType(request.getContentType(),
                what -> DataflowApiException.badHeader(HttpHeaders.CONTENT_TYPE, what));
        return created(files.upload(Caller.of(request).organizationId(), fileName, type, content));
    }

    /** The multipart variant of {@link #upload}; the OpenAPI document lists both under that one operation. */
    @Operation(hidden = true)
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<FileReference> uploadForm(MultipartHttpServletRequest request) throws IOException {
        limits.checkUpload(Caller.of(request).organizationId(), 0).orThrow();
        MultipartFile file;
        try {
            file = request.getFile("file");
        } catch (MaxUploadSizeExceededException e) {
            throw tooLarge();
        }
        if (file == null) {
            throw DataflowApiException.invalid(List.of(new Problem("", "the multipart form needs a part named"
                    + " 'file' holding the file")));
        }
        if (file.getSize() > files.maxBytes()) {
            throw tooLarge();
        }
        String fileName = firstGiven(queryName(request), checkedName(file.getOriginalFilename(),
                what -> partProblem("filename that " + what)));
        return created(files.upload(Caller.of(request).organizationId(), fileName,
                contentType(file.getContentType(), what -> partProblem("content type that " + what)),
                file.getBytes()));
    }

    @Operation(operationId = "downloadFile", summary = "Download a file",
            description = "The file's bytes, with its Content-Type and, in Content-Disposition, its name.")
    @ApiResponse(responseCode = "200", description = "The file", content = @Content(
            mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string",
                    format = "binary")))
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @RequiresScope(Scope.READ)
    @GetMapping(path = "/files/{fileId}")
    ResponseEntity<byte[]> download(@PathVariable String fileId, HttpServletRequest request) {
        FileStore.StoredFile file = files.content(Caller.of(request).organizationId(), fileId)
                .orElseThrow(() -> DataflowApiException.notFound("file " + fileId));
        return ResponseEntity.ok()
                .contentType(storedType(file.contentType()))
                .contentLength(file.content().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(file.name()).toString())
                // With attachment, keeps a browser from running an uploaded page as one of this server.
                .header("X-Content-Type-Options", "nosniff")
                .body(file.content());
    }

    private ResponseEntity<FileReference> created(StoredFileInfo file) {
        return ResponseEntity.created(URI.create(FileStore.url(file.id()))).body(FileReference.of(file));
    }

    /** The body, or 413 when it is larger than a file may be; reads one byte past the limit to know. */
    private byte[] readUpTo(InputStream body) throws IOException {
        byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, files.maxBytes() + 1));
        if (content.length > files.maxBytes()) {
            throw tooLarge();
        }
        return content;
    }

    private DataflowApiException tooLarge() {
        return DataflowApiException.tooLarge("the file is larger than the limit of " + files.maxBytes() + " bytes");
    }

    /** The filename of the request's Content-Disposition header, if it has one. */
    private static String dispositionFilename(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_DISPOSITION);
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return ContentDisposition.parse(header).getFilename();
        } catch (IllegalArgumentException e) {
            throw DataflowApiException.badHeader(HttpHeaders.CONTENT_DISPOSITION, "is not valid: " + e.getMessage());
        }
    }

    /** The first name given; {@code upload} when none is. */
    private static String firstGiven(String... names) {
        for (String name : names) {
            if (name != null && !name.isEmpty()) {
                return name;
            }
        }
        return DEFAULT_NAME;
    }

    /** The {@code name} query parameter, checked as a name. */
    private static String queryName(HttpServletRequest request) {
        return checkedName(request.getParameter("name"), what -> DataflowApiException.badParameter("name", what));
    }

    /**
     * A given name without any directories a browser sent with it, or null when none is given; a problem, made by
     * {@code problem} from what is wrong, when it cannot be stored or is longer than its column.
     */
    private static String checkedName(String name, Function<String, DataflowApiException> problem) {
        if (name == null) {
            return null;
        }
        StorableText.problem(name).ifPresent(why -> {
            throw problem.apply(why);
        });
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        if (base.length() > MAX_TEXT) {
            throw problem.apply("must be at most " + MAX_TEXT + " characters, got " + base.length());
        }
        return base;
    }

    /** A problem with the multipart form's {@code file} part. */
    private static DataflowApiException partProblem(String what) {
        return DataflowApiException.invalid(List.of(new Problem("", "the part 'file' has a " + what)));
    }

    /**
     * The type an upload declares, checked; {@code application/octet-stream} when it declares none. A problem made
     * by {@code problem} when it is not a media type or is longer than its column.
     */
    private static String contentType(String declared, Function<String, DataflowApiException> problem) {
        if (declared == null || declared.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
        String type;
        try {
            type = MediaType.parseMediaType(declared).toString();
        } catch (InvalidMediaTypeException e) {
            throw problem.apply("is not a media type: '" + declared + "'");
        }
        StorableText.problem(type).ifPresent(why -> {
            throw problem.apply(why);
        });
        if (type.length() > MAX_TEXT) {
            throw problem.apply("must be at most " + MAX_TEXT + " characters, got " + type.length());
        }
        return type;
    }

    /** A stored type, which a task may have set to anything; bytes of unknown type otherwise. */
    private static MediaType storedType(String contentType) {
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    /** Plain {@code filename="..."} for ASCII names; RFC 5987 encoding as well for others. */
    private static ContentDisposition attachment(String name) {
        boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(name);
        return ascii ? ContentDisposition.attachment().filename(name).build()
                : ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build();
    }
}
