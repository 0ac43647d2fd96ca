package io.trunkline.config.domain.rule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.config.domain.json.JsonInput;
import io.trunkline.config.domain.rule.RuleView.Match;
import io.trunkline.config.domain.rule.RuleView.Route;
import io.trunkline.config.domain.rule.RuleView.Schedule;
import io.trunkline.config.domain.rule.RuleView.Window;
import io.trunkline.config.domain.validation.FieldErrors;
import io.trunkline.config.domain.validation.Syntax;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads and checks an outbound rule from JSON, collecting every bad field. */
public final class RuleValidator {

  static final Set<String> FIELDS =
      Set.of("name", "enabled", "priority", "match", "strategy", "routes", "schedule");
  private static final Set<String> MATCH = Set.of("prefixes", "lengths", "callers");
  private static final Set<String> ROUTE =
      Set.of("trunkId", "stripDigits", "prepend", "callerId", "weight");
  private static final Set<String> SCHEDULE = Set.of("timeZone", "windows", "holidays");
  private static final Set<String> WINDOW = Set.of("days", "start", "end");
  private static final Set<String> DAYS = Set.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
  private static final Pattern PREFIX = Pattern.compile("[0-9*#+]{1,32}");
  private static final Pattern PREPEND = Pattern.compile("[0-9*#+]{0,32}");
  private static final Pattern CALLER_ID = Pattern.compile("\\+?[0-9]{1,20}");
  private static final Pattern HHMM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]|24:00");

  private RuleValidator() {}

  /** The draft, or null when {@code errors} holds problems (more may follow from the DB). */
  public static RuleDraft read(ObjectNode body, FieldErrors errors) {
    JsonInput in = new JsonInput(body, "", errors, FIELDS);
    String name = in.string("name");
    if (name == null) {
      errors.add("name", "is required");
    } else if (!Syntax.isName(name)) {
      errors.add("name", Syntax.NAME_MESSAGE);
    }
    Boolean enabled = in.bool("enabled");
    Integer priority = in.integer("priority");
    if (priority != null && priority < 0) {
      errors.add("priority", "must be 0 or more");
    }
    Match match = match(in.object("match", MATCH), errors);
    Strategy strategy = in.enumValue("strategy", Strategy.class);
    List<Route> routes = routes(in, errors);
    Schedule schedule = schedule(in.object("schedule", SCHEDULE), errors);
    if (!errors.isEmpty()) {
      return null;
    }
    return new RuleDraft(
        name,
        enabled == null || enabled,
        priority == null ? 1000 : priority,
        match,
        strategy == null ? Strategy.PRIORITIZED : strategy,
        routes,
        schedule);
  }

  private static Match match(JsonInput m, FieldErrors errors) {
    if (m == null) {
      return new Match(List.of(), List.of(), null);
    }
    List<String> prefixes = m.strings("prefixes");
    if (prefixes != null) {
      for (int i = 0; i < prefixes.size(); i++) {
        if (!PREFIX.matcher(prefixes.get(i)).matches()) {
          errors.add("match.prefixes[" + i + "]", "must be 1-32 of 0-9 * # +");
        }
      }
    }
    List<Integer> lengths = m.integers("lengths");
    if (lengths != null) {
      for (int i = 0; i < lengths.size(); i++) {
        if (lengths.get(i) < 1 || lengths.get(i) > 32) {
          errors.add("match.lengths[" + i + "]", "must be between 1 and 32");
        }
      }
    }
    String callers = m.string("callers");
    if (callers != null && !callers.isBlank()) {
      String problem = Syntax.checkPortSipList(callers);
      if (problem != null) {
        errors.add("match.callers", problem);
      }
    }
    return new Match(
        prefixes == null ? List.of() : prefixes,
        lengths == null ? List.of() : lengths,
        callers == null || callers.isBlank() ? null : callers.trim());
  }

  private static List<Route> routes(JsonInput in, FieldErrors errors) {
    List<JsonInput> items = in.objects("routes", ROUTE);
    if (items == null) {
      errors.add("routes", "is required (1-6 routes)");
      return List.of();
    }
    if (items.isEmpty() || items.size() > 6) {
      errors.add("routes", "must have 1-6 routes");
    }
    List<Route> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonInput r = items.get(i);
      if (r == null) {
        continue;
      }
      String p = "routes[" + i + "].";
      String trunk = r.string("trunkId");
      UUID trunkId = null;
      if (trunk == null) {
        errors.add(p + "trunkId", "is required");
      } else {
        try {
          trunkId = UUID.fromString(trunk);
        } catch (IllegalArgumentException e) {
          errors.add(p + "trunkId", "must be a trunk id (UUID)");
        }
      }
      Integer strip = r.integer("stripDigits");
      if (strip != null && (strip < 0 || strip > 9)) {
        errors.add(p + "stripDigits", "must be between 0 and 9");
      }
      String prepend = r.string("prepend");
      if (prepend != null && !PREPEND.matcher(prepend).matches()) {
        errors.add(p + "prepend", "must be up to 32 of 0-9 * # +");
      }
      String callerId = r.string("callerId");
      if (callerId != null && !CALLER_ID.matcher(callerId).matches()) {
        errors.add(p + "callerId", "must be digits with an optional leading +");
      }
      Integer weight = r.integer("weight");
      if (weight != null && (weight < 1 || weight > 1000)) {
        errors.add(p + "weight", "must be between 1 and 1000");
      }
      out.add(
          new Route(
              trunkId,
              strip == null ? 0 : strip,
              prepend == null ? "" : prepend,
              callerId,
              weight == null ? 1 : weight));
    }
    return out;
  }

  private static Schedule schedule(JsonInput s, FieldErrors errors) {
    if (s == null) {
      return null;
    }
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
