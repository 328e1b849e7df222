"""The sla context's texts, in one place per language (merged into domain.texts)."""

RU: dict[str, str] = {
    "remind.ticket": "Заявка №{number} «{title}» — {client}",
    "remind.metric.first_reaction": "первая реакция",
    "remind.metric.next_reply": "ответ клиенту",
    "remind.metric.progress_update": "новости клиенту о ходе работ",
    "remind.metric.resolution": "решение",
    "remind.sla_warning": "⏰ Скоро срок: {metric} — до {due}, осталось {minutes} мин.",
    "remind.sla_breach": "🔴 Срок нарушен: {metric} — нужно было до {due}. Ответьте клиенту как можно скорее.",
    "remind.no_time": (
        "Заявка в работе, но время не записано уже {hours} ч рабочего времени. "
        "Запишите, сколько потрачено, или верните заявку в очередь."
    ),
    "remind.untaken": "Заявка принята {hours} ч рабочего времени назад, но её до сих пор никто не взял.",
    "remind.client_waiting": "Последнее сообщение в заявке — от клиента, и оно без ответа уже {hours} ч.",
    "remind.progress_note": (
        "Клиент не получал новостей по заявке {days} рабочих дн. Напишите ему, как идёт работа, "
        "даже если всё по плану."
    ),
    "remind.contradiction.client_answered": (
        "Статус «ждём ответа от клиента», но клиент уже ответил. Верните заявку в работу."
    ),
    "remind.contradiction.no_assignee": "Заявка в работе, но исполнитель не назначен. Возьмите её или верните в очередь.",
    "remind.contradiction.time_in_queue": (
        "Заявка в очереди, но по ней уже записано время. Возьмите её в работу, чтобы статус "
        "говорил правду."
    ),
    "remind.estimate_waiting": (
        "Напоминаем: по заявке №{number} «{title}» {days} дн. ждёт вашего решения оценка — "
        "{hours} ч, {price}. Без вашего согласия работы не начнутся; ответьте, пожалуйста, "
        "на сообщение с оценкой."
    ),
    "remind.renewal": (
        "«{client}»: продление поддержки на {months} нужно оплатить до {day}. Сумма: {amount}."
    ),
    "remind.lapse": (
        "«{client}»: продление на {months} не оплачено до {day} (сумма {amount}). Тариф "
        "закончится в конце месяца — оплатите, чтобы поддержка продолжилась без перерыва."
    ),
    "calendar.unknown_year": (
        "нет производственного календаря на {year} год — известны годы {first}–{last}; "
        "сроки за их пределами не считаются наугад"
    ),
    "calendar.running_out": (
        "производственный календарь известен только до конца {last} года: с 1 января {next} "
        "сроки SLA считаться не будут. Обновите chatdesk (пакет holidays и таблицы в "
        "bot/calendars.py) до Нового года"
    ),
    "calendar.ran_out": (
        "производственный календарь известен только до конца {last} года, а сегодня {today}: "
        "сроки SLA не считаются. Обновите chatdesk (пакет holidays и таблицы в bot/calendars.py)"
    ),
    "calendar.title": "Производственный календарь на {year} год:",
    "calendar.days_off": "Праздники и перенесённые выходные: {dates}",
    "calendar.working_days": "Рабочие субботы и воскресенья: {dates}",
    "calendar.shortened": "Предпраздничные дни, короче на час: {dates}",
    "calendar.none": "нет",
    "sla.due": "Срок: {due} ({tz}) — {amount} ч {mode} от {start}",
    "sla.working_hours": "рабочего времени",
    "sla.calendar_hours": "календарного времени",
    "sla.bad_start": "начало укажите датой и временем, например 2026-03-06T17:00 (получено {value})",
    "sla.bad_hours": "часы укажите неотрицательным числом, например 4 или 1.5 (получено {value})",
    "sla.too_many_hours": "{value} ч — слишком далеко: срок считается не больше чем на 99 999 часов вперёд",
    "sla.no_client": "клиента «{name}» нет — проверьте, как он записан (chatdesk clients add)",
    "sla.bad_priority": "приоритет — целое число от 0 до 1000 (получено {value})",
    "sla.priority_set": "Приоритет «{client}»: {priority}. Пересчитано сроков открытых заявок (от их исходного начала): {count}.",
    "sla.policies_title": "Правила SLA ({source}); применяется первое подходящее:",
    "sla.policies_settings": "настройка SLA_REACTION_HOURS",
    "calendar.client_own": "Рабочий календарь «{client}»: {tz}, {days}, {hours}, обед {lunch}.",
    "calendar.client_desk": "У «{client}» своего календаря нет: действует общий ({tz}, {days}, {hours}, обед {lunch}).",
    "calendar.client_set": "Сроки и тихие часы «{client}» теперь по его календарю. Пересчитано сроков открытых заявок: {count}.",
    "calendar.client_cleared": "«{client}» снова работает по общему календарю. Пересчитано сроков открытых заявок: {count}.",
    "calendar.no_lunch": "нет",
}

EN: dict[str, str] = {
    "remind.ticket": "Ticket #{number} “{title}” — {client}",
    "remind.metric.first_reaction": "first reaction",
    "remind.metric.next_reply": "reply to the client",
    "remind.metric.progress_update": "progress update to the client",
    "remind.metric.resolution": "resolution",
    "remind.sla_warning": "⏰ Due soon: {metric} — by {due}, {minutes} min left.",
    "remind.sla_breach": "🔴 Deadline missed: {metric} — it was due by {due}. Answer the client as soon as you can.",
    "remind.no_time": (
        "The ticket is in progress, but no time has been logged for {hours} working hours. "
        "Log the time spent, or put the ticket back in the queue."
    ),
    "remind.untaken": "The ticket was accepted {hours} working hours ago, and nobody has taken it yet.",
    "remind.client_waiting": "The last message on the ticket is the client's, unanswered for {hours} h.",
    "remind.progress_note": (
        "The client has heard nothing about this ticket for {days} working days. Tell them how "
        "the work is going, even if all goes to plan."
    ),
    "remind.contradiction.client_answered": (
        "The status says we are waiting for the client, but the client has answered. Put the "
        "ticket back in progress."
    ),
    "remind.contradiction.no_assignee": "The ticket is in progress, but nobody is assigned. Take it or put it back in the queue.",
    "remind.contradiction.time_in_queue": (
        "The ticket is in the queue, but time has been logged on it. Take it, so the status "
        "tells the truth."
    ),
    "remind.estimate_waiting": (
        "A reminder: the estimate for ticket #{number} “{title}” has waited {days} days for "
        "your decision — {hours} h, {price}. No work starts without your approval; please "
        "answer the message with the estimate."
    ),
    "remind.renewal": (
        "“{client}”: the support renewal for {months} is to be paid by {day}. Amount: {amount}."
    ),
    "remind.lapse": (
        "“{client}”: the renewal for {months} was not paid by {day} (amount {amount}). The plan "
        "ends with this month — pay it so support continues without a break."
    ),
    "calendar.unknown_year": (
        "no working calendar for {year}: the known years are {first}–{last}, and deadlines "
        "outside them are never guessed"
    ),
    "calendar.running_out": (
        "the working calendar is known only to the end of {last}: from January 1, {next} SLA "
        "deadlines cannot be computed. Update chatdesk (the holidays package and the tables in "
        "bot/calendars.py) before the new year"
    ),
    "calendar.ran_out": (
        "the working calendar is known only to the end of {last}, and today is {today}: SLA "
        "deadlines cannot be computed. Update chatdesk (the holidays package and the tables in "
        "bot/calendars.py)"
    ),
    "calendar.title": "Working calendar for {year}:",
    "calendar.days_off": "Public holidays and transferred days off: {dates}",
    "calendar.working_days": "Saturdays and Sundays that are working days: {dates}",
    "calendar.shortened": "Pre-holiday days, one hour shorter: {dates}",
    "calendar.none": "none",
    "sla.due": "Due: {due} ({tz}) — {amount} h of {mode} from {start}",
    "sla.working_hours": "working time",
    "sla.calendar_hours": "calendar time",
    "sla.bad_start": "give the start as a date and time, e.g. 2026-03-06T17:00 (got {value})",
    "sla.bad_hours": "give the hours as a number of zero or more, e.g. 4 or 1.5 (got {value})",
    "sla.too_many_hours": "{value} hours is too far: deadlines are counted up to 99,999 hours ahead",
    "sla.no_client": "there is no client “{name}” — check how it is spelled (chatdesk clients add)",
    "sla.bad_priority": "the priority is a whole number from 0 to 1000 (got {value})",
    "sla.priority_set": "Priority of “{client}”: {priority}. Open tickets whose deadlines were recomputed from their original start: {count}.",
    "sla.policies_title": "SLA rules ({source}); the first that matches applies:",
    "sla.policies_settings": "the SLA_REACTION_HOURS setting",
    "calendar.client_own": "Working calendar of “{client}”: {tz}, {days}, {hours}, lunch {lunch}.",
    "calendar.client_desk": "“{client}” has no calendar of its own: the desk's applies ({tz}, {days}, {hours}, lunch {lunch}).",
    "calendar.client_set": "Deadlines and quiet hours of “{client}” now follow its own calendar. Open tickets whose deadlines were recomputed: {count}.",
    "calendar.client_cleared": "“{client}” follows the desk's calendar again. Open tickets whose deadlines were recomputed: {count}.",
    "calendar.no_lunch": "none",
}
