package app.assets.identity.domain;

import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Users by id, email (case-insensitive) and free-text search. */
public interface UserRepository extends JpaRepository<User, Long> {

    @Query("select u from User u where lower(u.email) = lower(:email)")
    Optional<User> findByEmail(String email);

    @Query("select u from User u where lower(u.email) like lower(concat('%', :text, '%'))"
            + " or lower(u.displayName) like lower(concat('%', :text, '%'))")
    Page<User> search(String text, Pageable pageable);

    @Query("select count(u) from User u where lower(u.email) like lower(concat('%', :text, '%'))"
            + " or lower(u.displayName) like lower(concat('%', :text, '%'))")
    long countSearch(String text);
}
