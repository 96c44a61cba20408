package br.com.healthmed.command.privacy;

import br.com.healthmed.command.web.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** ADMIN only (the /api/admin/** rule): start and follow the re-wrapping of person keys after a master-key change. */
@RestController
@RequestMapping("/api/admin/privacy/master-key-rotation")
@Tag(name = "Administration")
class MasterKeyRotationController {

    private final MasterKeyRotation rotation;

    MasterKeyRotationController(MasterKeyRotation rotation) {
        this.rotation = rotation;
    }

    @GetMapping
    @Operation(operationId = "getMasterKeyRotation", summary = "Progress of the privacy master-key rotation", description = """
            Live person keys per master key id, tombstones (erased persons), key ids in the table that this replica \
            cannot open, whether every live key is under the current master key (then the retired keys may be removed \
            from the configuration), and this replica's latest run.""")
    @Rejects
    ResponseEntity<MasterKeyRotation.Progress> progress() {
        return ResponseEntity.ok(rotation.progress());
    }

    @PostMapping
    @Operation(operationId = "startMasterKeyRotation", summary = "Re-wrap every person key with the current master key", description = """
            Starts, on this replica, a background run that re-wraps in batches every live person key still under a \
            retired master key (configured in HEALTHMED_PRIVACY_MASTER_KEYS, current one in \
            HEALTHMED_PRIVACY_CURRENT_KEY_ID). Reads go on meanwhile; erased persons stay erased. Starting while a run \
            is going on changes nothing; runs on several replicas share the work.""")
    @Rejects
    @ApiResponse(responseCode = "202", description = "Started (or already running); the progress as it stands")
    ResponseEntity<MasterKeyRotation.Progress> start() {
        rotation.start();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rotation.progress());
    }
}
