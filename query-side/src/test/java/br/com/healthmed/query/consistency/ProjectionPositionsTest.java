package br.com.healthmed.query.consistency;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionPositionsTest {

    private final GapAwareTrackingToken withGaps = GapAwareTrackingToken.newInstance(10, List.of(3L, 7L, 9L));

    @Test
    void a_token_is_at_a_position_when_its_index_is_there_whatever_its_gaps() {
        assertThat(ProjectionPositions.atOrPast(withGaps, 10)).isTrue();
        assertThat(ProjectionPositions.atOrPast(withGaps, 4)).isTrue();
        assertThat(ProjectionPositions.atOrPast(withGaps, 11)).isFalse();
    }

    @Test
    void the_gaps_that_matter_are_those_at_or_below_the_position() {
        assertThat(ProjectionPositions.gapsUpTo(withGaps, 7)).containsExactly(3L, 7L);
        assertThat(ProjectionPositions.gapsUpTo(withGaps, 8)).containsExactly(3L, 7L);
        assertThat(ProjectionPositions.gapsUpTo(withGaps, 2)).isEmpty();
    }

    @Test
    void a_token_without_gaps_has_none_to_settle() {
        TrackingToken axonServer = new GlobalSequenceTrackingToken(10);
        assertThat(ProjectionPositions.atOrPast(axonServer, 10)).isTrue();
        assertThat(ProjectionPositions.gapsUpTo(axonServer, 10)).isEmpty();
    }

    @Test
    void a_replay_is_where_it_has_replayed_to_and_nowhere_before_it_starts() {
        TrackingToken replaying = ReplayToken.createReplayToken(withGaps, GapAwareTrackingToken.newInstance(4, List.of(3L)));
        assertThat(ProjectionPositions.atOrPast(replaying, 4)).isTrue();
        assertThat(ProjectionPositions.atOrPast(replaying, 5)).isFalse();
        assertThat(ProjectionPositions.gapsUpTo(replaying, 4)).containsExactly(3L);

        TrackingToken fromTheStart = ReplayToken.createReplayToken(withGaps, null);
        assertThat(ProjectionPositions.atOrPast(fromTheStart, 0)).isFalse();
    }
}
