package br.com.healthmed.query.web;

import java.util.List;

/** One page of a listing; {@code totalElements} counts every match, not just this page. */
public record PageView<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    public static <T> PageView<T> of(List<T> content, int page, int size, long totalElements) {
        return new PageView<>(content, page, size, totalElements, (int) ((totalElements + size - 1) / size));
    }
}
