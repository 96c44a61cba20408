package br.com.healthmed.query.web;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * One page of a listing. {@code hasNext} is always known; {@code totalElements} (every match, not just this page) and
 * {@code totalPages} are left out (null) by listings that count only on request.
 */
public record PageView<T>(
        List<T> content,
        int page,
        int size,
        boolean hasNext,
        @Schema(description = "every match; absent unless known without counting or asked for", nullable = true)
        Long totalElements,
        @Schema(description = "absent exactly when totalElements is", nullable = true)
        Integer totalPages) {

    /** A page of a listing whose total is known. */
    public static <T> PageView<T> of(List<T> content, int page, int size, long totalElements) {
        return new PageView<>(content, page, size, (long) (page + 1) * size < totalElements, totalElements,
                pages(totalElements, size));
    }

    /** A page of a listing that knows whether more follow, and its total only when given. */
    public static <T> PageView<T> of(List<T> content, int page, int size, boolean hasNext, Long totalElements) {
        return new PageView<>(content, page, size, hasNext, totalElements,
                totalElements == null ? null : pages(totalElements, size));
    }

    private static int pages(long totalElements, int size) {
        return (int) ((totalElements + size - 1) / size);
    }
}
