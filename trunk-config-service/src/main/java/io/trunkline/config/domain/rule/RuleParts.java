package io.trunkline.config.domain.rule;

import io.trunkline.config.domain.json.JsonInput;
import io.trunkline.config.domain.rule.RuleView.Schedule;
import io.trunkline.config.domain.rule.RuleView.Window;
import io.trunkline.config.domain.validation.DeclaredConstraints;
import io.trunkline.config.domain.validation.FieldErrors;
import io.trunkline.config.domain.validation.Syntax;
import jakarta.validation.Validator;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reading and checking of the parts that outbound and inbound rules share: name, enabled and
 * priority, number masks, the {@code stripDigits}/{@code prepend} rewrite and the schedule. Every
 * bad field goes to the {@link FieldErrors} of the request; reading goes on.
 */
public final class RuleParts {

  private static final Set<String> COMMON_FIELDS =
      Set.of("name", "enabled", "priority", "schedule");

  private static final Set<String> SCHEDULE = Set.of("timeZone", "windows", "holidays");
  private static final Set<String> WINDOW = Set.of("days", "start", "end");
  private static final Set<String> DAYS = Set.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
  private static final Pattern HHMM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]|24:00");

  private RuleParts() {}

  /** The top-level fields of a rule kind: the common ones and its own. */
  static Set<String> fields(String... own) {
    Set<String> all = new HashSet<>(COMMON_FIELDS);
    all.addAll(List.of(own));
    return Set.copyOf(all);
  }

  /** A trunk id (UUID); null when absent or malformed (then reported at {@code path}). */
  static UUID trunkId(String value, String path, FieldErrors errors) {
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      errors.add(path, "must be a trunk id (UUID)");
      return null;
    }
  }

  /**
   * Every trunk a rule names must exist: each reference ({@code path -> id}) whose id is not among
   * {@code known} is reported at its path.
   */
  public static void checkTrunksExist(Map<String, UUID> references, Set<UUID> known) {
    FieldErrors errors = new FieldErrors();
    references.forEach(
        (path, id) -> {
          if (!known.contains(id)) {
            errors.add(path, "no trunk with this id");
          }
        });
    errors.throwIfAny();
  }

  /** Name, enabled (default true) and priority (default 1000, lower wins). */
  record Header(String name, boolean enabled, int priority) {}

  /**
   * Reads the basics every rule kind has from {@code body} into {@code in} (the kind's own input
   * type, whose declared constraints apply) and reports the bad ones.
   */
  static Header header(
      JsonInput body, RuleBasicsInput in, Validator validator, FieldErrors errors) {
    in.readBasics(body);
    DeclaredConstraints declared = DeclaredConstraints.check(validator, in);
    declared.report("name", errors);
    declared.report("priority", errors);
    return new Header(
        in.name, in.enabled == null || in.enabled, in.priority == null ? 1000 : in.priority);
  }

  /**
   * A PortSIP number list ({@code 101;203;300-450}), trimmed; with {@code prefixes} its items may
   * also be prefixes ending in {@code *}. Absent or blank: null (no condition).
   */
  static String numberList(JsonInput in, String field, boolean prefixes) {
    String list = in.string(field);
    if (list == null || list.isBlank()) {
      return null;
    }
    String problem = prefixes ? Syntax.checkNumberMasks(list) : Syntax.checkPortSipList(list);
    if (problem != null) {
      in.errors().add(in.path(field), problem);
    }
    return list.trim();
  }

  /** The number rewrite of a route or destination: {@code prepend + number[stripDigits:]}. */
  record Rewrite(int stripDigits, String prepend) {}

  /**
   * The rewrite read from {@code in}, whose declared ranges and patterns (the strip limit differs
   * between routes and destinations) are reported at their paths.
   */
  static Rewrite rewrite(
      JsonInput in, DeclaredConstraints declared, Integer stripDigits, String prepend) {
    declared.reportAs("stripDigits", in.path("stripDigits"), in.errors());
    declared.reportAs("prepend", in.path("prepend"), in.errors());
    return new Rewrite(stripDigits == null ? 0 : stripDigits, prepend == null ? "" : prepend);
  }

  /** The optional {@code schedule}: IANA time zone, weekly windows, holiday dates. */
  static Schedule schedule(JsonInput in) {
    JsonInput s = in.object("schedule", SCHEDULE);
    if (s == null) {
      return null;
    }
    FieldErrors errors = in.errors();
    String zone = s.string("timeZone");
    if (zone == null) {
      errors.add("schedule.timeZone", "is required");
    } else {
      try {
        ZoneId.of(zone);
      } catch (DateTimeException e) {
        errors.add("schedule.timeZone", "must be an IANA time zone such as Europe/London");
      }
    }
    List<Window> windows = new ArrayList<>();
    List<JsonInput> items = s.objects("windows", WINDOW);
    if (items != null) {
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i) != null) {
          windows.add(window(items.get(i), "schedule.windows[" + i + "].", errors));
        }
      }
    }
    List<String> holidays = s.strings("holidays");
    if (holidays != null) {
      for (int i = 0; i < holidays.size(); i++) {
        try {
          LocalDate.parse(holidays.get(i));
        } catch (DateTimeException e) {
          errors.add("schedule.holidays[" + i + "]", "must be a date YYYY-MM-DD");
        }
      }
    }
    return new Schedule(zone, windows, holidays == null ? List.of() : holidays);
  }

  private static Window window(JsonInput w, String p, FieldErrors errors) {
    List<String> days = w.strings("days");
    if (days == null || days.isEmpty()) {
      errors.add(p + "days", "is required: some of MON TUE WED THU FRI SAT SUN");
    } else if (!DAYS.containsAll(days)) {
      errors.add(p + "days", "must be some of MON TUE WED THU FRI SAT SUN");
    }
    String start = w.string("start");
    String end = w.string("end");
    if (start == null || !HHMM.matcher(start).matches()) {
      errors.add(p + "start", "must be a time HH:mm");
    }
    if (end == null || !HHMM.matcher(end).matches()) {
      errors.add(p + "end", "must be a time HH:mm (24:00 for midnight)");
    }
    if (start != null && end != null && !errors.has(p + "start") && !errors.has(p + "end")) {
      LocalTime s = LocalTime.parse(start.equals("24:00") ? "23:59" : start);
      if (!end.equals("24:00") && !LocalTime.parse(end).isAfter(s)) {
        errors.add(p + "end", "must be after start");
      }
    }
    return new Window(days, start, end);
  }
}
