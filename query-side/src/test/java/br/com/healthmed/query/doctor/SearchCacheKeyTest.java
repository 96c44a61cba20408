package br.com.healthmed.query.doctor;

import br.com.healthmed.api.doctor.Specialty;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A search page is filed under what decides the answer: equal searches share a page, different ones never do. */
class SearchCacheKeyTest {

    private static String key(Specialty specialty, String name, Long maxPrice, int page, int size, boolean withTotal) {
        return SearchCache.normalized(new Doctors.Search(specialty, name, maxPrice), page, size, withTotal);
    }

    @Test
    void names_that_the_search_matches_alike_share_a_page() {
        assertThat(key(null, "  João   Silva ", null, 0, 20, false)).isEqualTo(key(null, "joao silva", null, 0, 20, false));
        assertThat(key(null, null, null, 0, 20, false)).isEqualTo(key(null, "   ", null, 0, 20, false));
    }

    @Test
    void every_part_of_the_query_that_changes_the_answer_changes_the_key() {
        String base = key(Specialty.PEDIATRIA, "ana", 20_000L, 0, 20, false);
        List<String> others = List.of(
                key(Specialty.GERIATRIA, "ana", 20_000L, 0, 20, false),
                key(null, "ana", 20_000L, 0, 20, false),
                key(Specialty.PEDIATRIA, "anabela", 20_000L, 0, 20, false),
                key(Specialty.PEDIATRIA, null, 20_000L, 0, 20, false),
                // Not blank, yet nothing left once marks are dropped: a name filter that matches every name.
                key(Specialty.PEDIATRIA, "\u0301", 20_000L, 0, 20, false),
                key(Specialty.PEDIATRIA, "ana", 20_001L, 0, 20, false),
                key(Specialty.PEDIATRIA, "ana", null, 0, 20, false),
                key(Specialty.PEDIATRIA, "ana", 20_000L, 1, 20, false),
                key(Specialty.PEDIATRIA, "ana", 20_000L, 0, 10, false),
                key(Specialty.PEDIATRIA, "ana", 20_000L, 0, 20, true));
        assertThat(others).doesNotContain(base).doesNotHaveDuplicates();
        assertThat(key(Specialty.PEDIATRIA, "\u0301", 20_000L, 0, 20, false))
                .isNotEqualTo(key(Specialty.PEDIATRIA, null, 20_000L, 0, 20, false));
    }
}
