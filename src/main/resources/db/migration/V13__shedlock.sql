-- One row per scheduled job (ShedLock's JDBC provider): the node that updates a job's row while
-- lock_until has passed runs the tick, every other node skips it. Times are UTC from the
-- database's clock (usingDbTime), so node clocks never decide who holds a lock.
-- ShedLock keeps rows it has seen in memory: never delete a row by hand while nodes run.
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
