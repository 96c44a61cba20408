package br.com.healthmed.query.doctor;

import io.swagger.v3.oas.annotations.tags.Tag;
import br.com.healthmed.query.consistency.ReadYourWrites;
import br.com.healthmed.query.web.NotFoundException;
import br.com.healthmed.query.web.Rejects;
import br.com.healthmed.query.web.SharedCacheable;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.query.web.PageView;
import br.com.healthmed.query.web.QueryParameters;
import br.com.healthmed.query.web.RenderedJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Public search: who can see me, at what price, how soon. */
@RestController
@Tag(name = "Doctors")
class DoctorController {

    private static final int DEFAULT_PAGE_SIZE = 20;

    private final Doctors doctors;
    private final SearchCache searchCache;

    DoctorController(Doctors doctors, SearchCache searchCache) {
        this.doctors = doctors;
        this.searchCache = searchCache;
    }

    @GetMapping("/api/specialties")
    @SharedCacheable
    @Operation(operationId = "listSpecialties", summary = "List the specialties",
            description = "Every specialty the platform knows (CFM names), with how many verified doctors practise it.")
    List<DoctorViews.SpecialtyView> specialties() {
        Map<String, Long> counts = doctors.verifiedPerSpecialty();
        return Doctors.specialties().stream()
                .map(s -> new DoctorViews.SpecialtyView(s.name(), s.displayName(), counts.getOrDefault(s.name(), 0L)))
                .toList();
    }

    @GetMapping("/api/doctors")
    @SharedCacheable
    @Operation(operationId = "searchDoctors", summary = "Search verified doctors, soonest available first",
            description = "Pages read one doctor more than `size` to set `hasNext`. `totalElements` and `totalPages`"
                    + " are present on the last page, and on any page with `withTotal=true` (which counts every match).")
    RenderedJson<PageView<DoctorViews.DoctorView>> search(@RequestParam(required = false) String specialty,
                                            @RequestParam(required = false) String name,
                                            @RequestParam(required = false) String maxPrice,
                                            @RequestParam(required = false) Integer page,
                                            @RequestParam(required = false) Integer size,
                                            @Parameter(description = "count every match (any page)")
                                            @RequestParam(required = false) Boolean withTotal,
                                            HttpServletRequest request) {
        int pageNumber = QueryParameters.page(page);
        int pageSize = QueryParameters.size(size, DEFAULT_PAGE_SIZE);
        var search = new Doctors.Search(
                specialty == null || specialty.isBlank() ? null : Specialty.parse(specialty),
                name,
                QueryParameters.cents(maxPrice, "maxPrice"));
        boolean counted = Boolean.TRUE.equals(withTotal);
        // A read-your-writes read has waited for the projections and must see MongoDB as they left it, even when the
        // change it waits for could not be told to Redis by the replica that projected it (ADR 0035).
        Supplier<PageView<DoctorViews.DoctorView>> load = () -> {
            Doctors.Page result = doctors.search(search, pageNumber, pageSize, counted);
            return PageView.of(result.doctors().stream().map(DoctorViews.DoctorView::of).toList(),
                    pageNumber, pageSize, result.hasNext(), result.totalElements());
        };
        return request.getHeader(ReadYourWrites.HEADER) != null
                ? searchCache.render(load)
                : searchCache.get(search, pageNumber, pageSize, counted, load);
    }

    @GetMapping("/api/doctors/{doctorId}")
    @SharedCacheable
    @Operation(operationId = "getDoctor", summary = "Read a verified doctor's public profile", description = "Name, CRM, specialty, price, time zone and next free slot.")
    @Rejects(NotFoundException.class)
    DoctorViews.DoctorView doctor(@PathVariable String doctorId) {
        return DoctorViews.DoctorView.of(doctors.findVerified(QueryParameters.id(doctorId, "doctorId").toString()));
    }
}
