package br.com.healthmed.command.consultation;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import java.net.URI;
import java.util.Map;

/**
 * The consultation page (static/consulta): a folder URL for it, and the one setting it needs, where the query API is
 * (empty: on the page's own origin, as behind the gateway; ./run.sh without replicas names the query side's port).
 */
@Hidden
@Controller
class ConsultationPage {

    private final String queryApiUrl;

    ConsultationPage(@Value("${healthmed.consultation.page.query-api-url:}") String queryApiUrl) {
        this.queryApiUrl = queryApiUrl;
    }

    @GetMapping("/consulta")
    ResponseEntity<Void> folder() {
        return ResponseEntity.status(302).location(URI.create("/consulta/")).build();
    }

    @GetMapping("/consulta/")
    String page() {
        return "forward:/consulta/index.html";
    }

    @GetMapping("/consulta/config")
    @ResponseBody
    ResponseEntity<Map<String, String>> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(Map.of("queryApiUrl", queryApiUrl));
    }
}
