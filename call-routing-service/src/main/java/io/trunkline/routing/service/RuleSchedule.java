package io.trunkline.routing.service;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A rule's schedule (docs/contract.md): applies when the local time lies in a window (start
 * inclusive, end exclusive) on one of its days and the local date is no holiday. A window whose end
 * is not after its start runs over midnight (the day is the day it starts on).
 */
public final class RuleSchedule {

  private final ZoneId zone;
  private final List<Window> windows;
  private final Set<LocalDate> holidays;

  private record Window(EnumSet<DayOfWeek> days, LocalTime start, LocalTime end) {}

  private RuleSchedule(ZoneId zone, List<Window> windows, Set<LocalDate> holidays) {
    this.zone = zone;
    this.windows = windows;
    this.holidays = holidays;
  }

  /** Compiles a schedule; null gives null (always applies). */
  public static RuleSchedule compile(RoutingRule.Schedule s) {
    if (s == null) {
      return null;
    }
    ZoneId zone = s.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(s.timeZone());
    List<Window> windows = new java.util.ArrayList<>();
    if (s.windows() != null) {
      for (RoutingRule.Window w : s.windows()) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (w.days() == null || w.days().isEmpty()) {
          days = EnumSet.allOf(DayOfWeek.class);
        } else {
          for (String d : w.days()) {
            days.add(day(d));
          }
        }
        LocalTime start = w.start() == null ? LocalTime.MIN : LocalTime.parse(w.start());
        LocalTime end = w.end() == null ? LocalTime.MIDNIGHT : LocalTime.parse(w.end());
        windows.add(new Window(days, start, end));
      }
    }
    Set<LocalDate> holidays = new HashSet<>();
    if (s.holidays() != null) {
      s.holidays().forEach(h -> holidays.add(LocalDate.parse(h)));
    }
    return new RuleSchedule(zone, List.copyOf(windows), Set.copyOf(holidays));
  }

  /** Whether the schedule applies at the instant. */
  public boolean appliesAt(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    if (holidays.contains(local.toLocalDate())) {
      return false;
    }
    if (windows.isEmpty()) {
      return true;
    }
    LocalTime t = local.toLocalTime();
    DayOfWeek today = local.getDayOfWeek();
    for (Window w : windows) {
      if (w.end().isAfter(w.start())) {
        if (w.days().contains(today) && !t.isBefore(w.start()) && t.isBefore(w.end())) {
          return true;
        }
      } else {
        // Overnight window: the part after start belongs to today, the part before end to the
        // window that started yesterday.
        if (w.days().contains(today) && !t.isBefore(w.start())) {
          return true;
        }
        if (w.days().contains(today.minus(1)) && t.isBefore(w.end())) {
          return true;
        }
      }
    }
    return false;
  }

  private static DayOfWeek day(String d) {
    return switch (d.trim().toUpperCase()) {
      case "MON" -> DayOfWeek.MONDAY;
      case "TUE" -> DayOfWeek.TUESDAY;
      case "WED" -> DayOfWeek.WEDNESDAY;
      case "THU" -> DayOfWeek.THURSDAY;
      case "FRI" -> DayOfWeek.FRIDAY;
      case "SAT" -> DayOfWeek.SATURDAY;
      case "SUN" -> DayOfWeek.SUNDAY;
      default -> DayOfWeek.valueOf(d.trim().toUpperCase());
    };
  }
}
