"""The onboarding context's texts, in one place per language (merged into domain.texts)."""

RU: dict[str, str] = {
    "how_to_link": (
        "Здравствуйте! Этот чат ещё не подключён к поддержке, поэтому я пока ничего "
        "здесь не записываю. Сотрудник поддержки подключит его командой /link КОД "
        "(код выдаёт администратор)."
    ),
    "owner_link": (
        "Ссылка для руководителя клиента — откройте её, чтобы получать отчёты и уведомления "
        "в личном чате (ссылка одноразовая):\n{link}"
    ),
    "owner_bound": (
        "Готово: вы указаны руководителем «{client}». Сюда будут приходить ежемесячные "
        "отчёты, уведомления о балансе и продлении."
    ),
    "link.usage": "Напишите код после команды, например: /link ABCD234567",
    "linked": "Чат подключён к клиенту «{client}».",
    # administration: the CLI and an admin's menu in the private chat with the bot
    "admin.err.telegram_id": (
        "«{value}» — не Telegram id. Это целое положительное число (до 2^52); узнать его "
        "можно, например, у @userinfobot."
    ),
    "admin.err.phone": (
        "«{value}» — не номер телефона. Нужно от 10 до 15 цифр, например +7 900 111-22-33."
    ),
    "admin.err.admins_only": "Это могут делать только администраторы. Ничего не изменено.",
    "admin.err.no_client": "Клиента «{name}» нет.",
    "admin.err.no_staff": "Сотрудника с номером {id} нет.",
    "admin.err.empty_name": "Название пустое — напишите его, пожалуйста.",
    "admin.err.client_exists": "Клиент «{name}» уже есть.",
    "admin.err.no_account": "Укажите Telegram id сотрудника или его номер WhatsApp.",
    "admin.err.staff_exists": "{name} уже в команде.",
    "admin.err.last_admin": (
        "{name} — единственный администратор: сначала назначьте администратором кого-то ещё."
    ),
    "admin.err.amount": "Не понял сумму «{value}». Напишите её в рублях, например 15000 или 15000,50.",
    "admin.err.plan_line": (
        "Не понял «{value}». Нужно: вид, режим и сумма в рублях, например «тех пасс 20000»."
    ),
    "admin.err.hours_rate": "Не понял «{value}». Нужно два числа: часы в месяц и цена часа, например «20 2500».",
    "admin.err.staff_id": "Номер сотрудника «{value}» — это целое число из списка «staff list».",
    "admin.client.added": (
        "Клиент «{name}» добавлен (номер {id}). Чтобы подключить его групповой чат, "
        "сотрудник отправляет в нём: /link {code}"
    ),
    "admin.clients.none": "Клиентов пока нет.",
    "admin.clients.line": "{name}{archived}: {plan}; {balance}; открытых заявок: {open}",
    "admin.client.archived_mark": " (в архиве с {day})",
    "admin.client.no_plan": "без тарифа",
    "admin.client.no_balance": "баланса нет",
    "admin.balance.money": "на балансе {amount}",
    "admin.balance.debt": "долг {amount}",
    "admin.balance.package": "пакет: осталось {left} из {total}",
    "admin.client.open_header": "Открытые заявки:",
    "admin.client.open_line": "№{number} {title} — {status}",
    "admin.client.no_open": "Открытых заявок нет.",
    "admin.client.renamed": "Клиент «{old}» теперь называется «{name}».",
    "admin.client.archived": (
        "Клиент «{name}» в архиве: его чаты больше не обслуживаются, история и баланс "
        "сохранены. Вернуть: clients archive --restore."
    ),
    "admin.client.restored": "Клиент «{name}» снова обслуживается.",
    "admin.staff.none": "В команде пока никого.",
    "admin.staff.line": "{id}. {name} — {role}; {accounts}; обслуживает: {clients}",
    "admin.role.staff": "сотрудник",
    "admin.role.admin": "администратор",
    "admin.staff.every_client": "всех клиентов",
    "admin.staff.no_clients": "пока никого",
    "admin.staff.added": "{name} в команде: {role} (номер {id}).",
    "admin.staff.removed": "{name} больше не в команде: доступ закрыт, сделанная работа осталась за ним.",
    "admin.staff.role_set": "{name} теперь {role}.",
    "admin.serve.added": "{name} обслуживает «{client}»: карточки новых заявок будут приходить ему.",
    "admin.serve.already": "{name} уже обслуживает «{client}».",
    "admin.history.none": "Тариф «{client}» ещё не менялся.",
    "admin.history.header": "История тарифов «{client}»:",
    "admin.history.line": "{day}{who}: {plan}",
    "admin.history.who": " ({name})",
    "admin.history.removed": "тариф снят",
    "admin.history.package": "пакет {hours} ч в месяц, сверх пакета {rate} за час",
    "admin.history.rate": "{rate} за час",
    "admin.history.kind": "{kind}, {mode}: {fee} в месяц",
    "admin.backup.done": "Копия базы записана в {path}.",
    "admin.backup.restored": "База восстановлена из {path}.",
    "admin.backup.err.not_sqlite": (
        "Резервная копия этой командой — только для SQLite. Для PostgreSQL используйте резервное копирование самого PostgreSQL."
    ),
    "admin.backup.err.exists": "Файл {path} уже есть — укажите другой.",
    "admin.backup.err.no_file": "Файла {path} нет.",
    "admin.backup.err.not_db": "{path} — не база chatdesk.",
    "admin.backup.err.running": (
        "База сейчас открыта работающим ботом (или другой командой). Остановите бота, "
        "или добавьте --force, если уверены."
    ),
    # an admin's menu in Telegram
    "admin.menu": "Администрирование. Что сделать?",
    "admin.btn.add_client": "Добавить клиента",
    "admin.btn.clients": "Клиенты",
    "admin.btn.plan": "Назначить тариф",
    "admin.btn.payment": "Записать оплату",
    "admin.btn.add_staff": "Добавить сотрудника",
    "admin.btn.serve": "Кто кого обслуживает",
    "admin.ask.client_name": "Как называется клиент? Напишите одним сообщением (/cancel — отмена).",
    "admin.ask.pick_client": "Выберите клиента:",
    "admin.ask.model": "Как клиент платит?",
    "admin.ask.monthly": (
        "Виды поддержки и абонентская плата в рублях, по одному в строке: вид, режим, сумма. "
        "Виды: тех, конс, контроль, страт; режим: пасс или акт. Например:\n"
        "тех пасс 20000\nконтроль акт 40000"
    ),
    "admin.ask.package": "Сколько часов в месяц и цена часа сверх пакета в рублях? Например: 20 2500",
    "admin.ask.rate": "Цена часа в рублях? Например: 2500",
    "admin.ask.amount": "Сколько поступило от «{client}», в рублях? Например: 15000 или 15000,50",
    "admin.ask.staff_name": "Как зовут сотрудника? (/cancel — отмена)",
    "admin.ask.staff_id": (
        "Его Telegram id — число; узнать можно у @userinfobot. Сотрудник должен хотя бы раз "
        "написать боту, чтобы получать карточки."
    ),
    "admin.ask.staff_role": "Какая роль у {name}?",
    "admin.ask.pick_staff": "Кто будет обслуживать клиента?",
    "admin.cancelled": "Отменено, ничего не изменено.",
}

EN: dict[str, str] = {
    "how_to_link": (
        "Hello! This chat is not connected to support yet, so I do not record anything "
        "here. A support team member connects it with /link CODE (the administrator "
        "issues the code)."
    ),
    "owner_link": (
        "A link for the client's owner — open it to receive reports and notices in a private "
        "chat (the link works once):\n{link}"
    ),
    "owner_bound": (
        "Done: you are the owner of “{client}”. Monthly reports and balance and renewal "
        "notices will come here."
    ),
    "link.usage": "Write the code after the command, for example: /link ABCD234567",
    "linked": "This chat is now connected to client “{client}”.",
    # administration: the CLI and an admin's menu in the private chat with the bot
    "admin.err.telegram_id": (
        "“{value}” is not a Telegram id. It is a positive whole number (up to 2^52); "
        "@userinfobot, for one, tells it."
    ),
    "admin.err.phone": "“{value}” is not a phone number: give 10 to 15 digits, e.g. +7 900 111-22-33.",
    "admin.err.admins_only": "Only admins can do this. Nothing was changed.",
    "admin.err.no_client": "There is no client “{name}”.",
    "admin.err.no_staff": "There is no staff member number {id}.",
    "admin.err.empty_name": "The name is empty — please write it.",
    "admin.err.client_exists": "There already is a client “{name}”.",
    "admin.err.no_account": "Give the staff member's Telegram id or WhatsApp number.",
    "admin.err.staff_exists": "{name} is already on the team.",
    "admin.err.last_admin": "{name} is the only admin: make someone else an admin first.",
    "admin.err.amount": "I did not understand the amount “{value}”. Write it in rubles, e.g. 15000 or 15000.50.",
    "admin.err.plan_line": (
        "I did not understand “{value}”. Write a kind, a mode and a fee in rubles, "
        "e.g. “tech passive 20000”."
    ),
    "admin.err.hours_rate": "I did not understand “{value}”. Write two numbers: hours a month and the hourly rate, e.g. “20 2500”.",
    "admin.err.staff_id": "The staff number “{value}” is a whole number from “staff list”.",
    "admin.client.added": (
        "Client “{name}” added (number {id}). To link its group chat, a staff member "
        "sends there: /link {code}"
    ),
    "admin.clients.none": "No clients yet.",
    "admin.clients.line": "{name}{archived}: {plan}; {balance}; open requests: {open}",
    "admin.client.archived_mark": " (archived since {day})",
    "admin.client.no_plan": "no plan",
    "admin.client.no_balance": "no balance",
    "admin.balance.money": "{amount} on balance",
    "admin.balance.debt": "owes {amount}",
    "admin.balance.package": "package: {left} of {total} left",
    "admin.client.open_header": "Open requests:",
    "admin.client.open_line": "№{number} {title} — {status}",
    "admin.client.no_open": "No open requests.",
    "admin.client.renamed": "Client “{old}” is now called “{name}”.",
    "admin.client.archived": (
        "Client “{name}” is archived: its chats are no longer served; history and balance "
        "are kept. To undo: clients archive --restore."
    ),
    "admin.client.restored": "Client “{name}” is served again.",
    "admin.staff.none": "Nobody on the team yet.",
    "admin.staff.line": "{id}. {name} — {role}; {accounts}; serves: {clients}",
    "admin.role.staff": "staff",
    "admin.role.admin": "admin",
    "admin.staff.every_client": "every client",
    "admin.staff.no_clients": "nobody yet",
    "admin.staff.added": "{name} is on the team: {role} (number {id}).",
    "admin.staff.removed": "{name} is no longer on the team: access closed, their past work keeps their name.",
    "admin.staff.role_set": "{name} is now {role}.",
    "admin.serve.added": "{name} now serves “{client}”: new requests' cards will reach them.",
    "admin.serve.already": "{name} already serves “{client}”.",
    "admin.history.none": "The plan of “{client}” has not changed yet.",
    "admin.history.header": "Plans of “{client}”:",
    "admin.history.line": "{day}{who}: {plan}",
    "admin.history.who": " ({name})",
    "admin.history.removed": "plan removed",
    "admin.history.package": "{hours} h a month, {rate} an hour beyond",
    "admin.history.rate": "{rate} an hour",
    "admin.history.kind": "{kind}, {mode}: {fee} a month",
    "admin.backup.done": "The database is copied to {path}.",
    "admin.backup.restored": "The database is restored from {path}.",
    "admin.backup.err.not_sqlite": "This command backs up SQLite only. For PostgreSQL use PostgreSQL's own backups.",
    "admin.backup.err.exists": "{path} already exists — choose another file.",
    "admin.backup.err.no_file": "There is no file {path}.",
    "admin.backup.err.not_db": "{path} is not a chatdesk database.",
    "admin.backup.err.running": (
        "The database is open in a running bot (or another command). Stop the bot, or add "
        "--force if you are sure."
    ),
    # an admin's menu in Telegram
    "admin.menu": "Administration. What would you like to do?",
    "admin.btn.add_client": "Add a client",
    "admin.btn.clients": "Clients",
    "admin.btn.plan": "Set a plan",
    "admin.btn.payment": "Record a payment",
    "admin.btn.add_staff": "Add a staff member",
    "admin.btn.serve": "Who serves whom",
    "admin.ask.client_name": "What is the client called? Write it in one message (/cancel to stop).",
    "admin.ask.pick_client": "Choose the client:",
    "admin.ask.model": "How does the client pay?",
    "admin.ask.monthly": (
        "Kinds of support and their monthly fee in rubles, one a line: kind, mode, fee. "
        "Kinds: tech, howto, control, strategic; mode: passive or active. For example:\n"
        "tech passive 20000\ncontrol active 40000"
    ),
    "admin.ask.package": "Hours a month and the hourly rate beyond them, in rubles? For example: 20 2500",
    "admin.ask.rate": "The hourly rate in rubles? For example: 2500",
    "admin.ask.amount": "How much did “{client}” pay, in rubles? For example: 15000 or 15000.50",
    "admin.ask.staff_name": "What is the staff member's name? (/cancel to stop)",
    "admin.ask.staff_id": (
        "Their Telegram id — a number; @userinfobot tells it. They must write to the bot "
        "once to get cards."
    ),
    "admin.ask.staff_role": "What is {name}'s role?",
    "admin.ask.pick_staff": "Who is to serve the client?",
    "admin.cancelled": "Cancelled, nothing changed.",
}
