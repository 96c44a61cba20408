package br.com.healthmed.platform.web;

import br.com.healthmed.platform.security.ProblemResponder;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class QueryStringFilterTest {

    private final QueryStringFilter filter = new QueryStringFilter(new ProblemResponder(new ObjectMapper()));

    private MockHttpServletResponse filter(String query, MockFilterChain chain) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/doctors");
        request.setQueryString(query);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }

    @ParameterizedTest
    @ValueSource(strings = {"name=%00", "name=a%0Db", "q=%09", "name=%7F", "name=%C2%9B", "%00=x"})
    void a_control_character_anywhere_in_the_query_is_a_400_and_the_request_goes_no_further(String query) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = filter(query, chain);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"parameter-control-character\"");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void broken_percent_encoding_is_a_400_too() throws Exception {
        MockHttpServletResponse response = filter("name=%ZZ", new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("\"code\":\"parameter-malformed\"");
    }

    @Test
    void ordinary_text_passes_accents_and_spaces_included() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = filter("name=Jo%C3%A3o+da%20Silva&specialty=CARDIOLOGIA", chain);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(chain.getRequest()).isNotNull();
    }
}
