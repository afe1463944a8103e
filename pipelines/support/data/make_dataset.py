#!/usr/bin/env python3
"""Generates the support-intent dataset shipped with the sample pipeline (seeded, so reruns are identical).

Each line is {"text": ..., "label": ...}. Intents are written from templates with slot fillers, typos and
casing noise so that a bag-of-ngrams classifier has real work to do; a few exact duplicates are kept on purpose
so the validation stage has something to report.
"""
import json, random

random.seed(20261128)
PRODUCTS = ["Pro plan", "Team plan", "router", "headset", "laptop stand", "annual subscription", "gift card", "monitor"]
TIMES = ["yesterday", "last week", "two days ago", "this morning", "on Monday", "a month ago"]
TEMPLATES = {
    "billing": ["I was charged twice for my {p}", "why is my invoice higher than last month", "can I get a copy of my invoice from {t}",
                "the payment for my {p} failed", "update the credit card on my account", "what is this charge on my statement",
                "my bill shows a fee I don't recognise", "how do I change my billing address", "I need a VAT invoice for the {p}"],
    "refund": ["I want a refund for the {p}", "please refund my order from {t}", "how long does a refund take",
               "the {p} arrived broken, I want my money back", "can I return the {p} for a refund", "refund status for my order",
               "you promised a refund {t} and nothing came", "I returned the {p} {t}, where is my refund"],
    "shipping": ["where is my {p}", "my package has not arrived", "tracking number for the {p} I ordered {t}",
                 "can you ship to Canada", "the delivery is late", "change the delivery address of my order",
                 "the courier says delivered but I have nothing", "how much is express shipping for a {p}"],
    "account_access": ["I can't log in", "reset my password please", "my account is locked after too many attempts",
                       "two factor code never arrives", "I forgot which email I used to sign up", "login page keeps saying invalid password",
                       "how do I change the email on my account", "someone else logged into my account {t}"],
    "technical_issue": ["the app crashes when I open settings", "my {p} keeps disconnecting", "error 500 when I upload a file",
                        "the {p} will not turn on", "sync stopped working {t}", "the screen flickers on the {p}",
                        "firmware update failed on my {p}", "the dashboard is very slow today"],
    "cancel_subscription": ["cancel my {p}", "how do I stop my subscription", "I want to close my account",
                            "do not renew my {p}", "please end my membership", "turn off auto renewal for the {p}",
                            "I want to downgrade and then cancel", "cancel everything and delete my data"],
}
OPENERS = ["", "", "", "hi, ", "hello, ", "hey ", "good morning, ", "urgent: ", "quick question: "]
CLOSERS = ["", "", "", " thanks", " thank you!", " asap", " please help", "?", "!!"]

def noisy(text):
    if random.random() < 0.15:
        i = random.randrange(len(text))
        text = text[:i] + text[i + 1:]
    if random.random() < 0.2:
        text = text.lower()
    if random.random() < 0.05:
        text = text.upper()
    return text

# Context clauses shared by all intents make the words of one intent show up in messages of another, as in real
# tickets ("I was charged twice, can I cancel?"); about 4% of labels are flipped, as human annotation is noisy.
CONTEXT = ["", "", "", "", " my order number is {n}", " I already contacted you {t}", " this is about my {p}",
           " I paid with paypal", " my account email is the same as before", " the app shows an error too",
           " I might cancel if this is not fixed", " I want my money back otherwise", " delivery was fine though"]
LABELS = list(TEMPLATES)
rows = []
for label, templates in TEMPLATES.items():
    for _ in range(760):
        t = random.choice(templates).format(p=random.choice(PRODUCTS), t=random.choice(TIMES))
        c = random.choice(CONTEXT).format(n=random.randint(10000, 99999), p=random.choice(PRODUCTS), t=random.choice(TIMES))
        text = noisy(random.choice(OPENERS) + t + ("," + c if c and random.random() < 0.5 else c) + random.choice(CLOSERS)).strip()
        noisy_label = random.choice(LABELS) if random.random() < 0.04 else label
        rows.append({"text": text, "label": noisy_label})
random.shuffle(rows)
with open("intents.jsonl", "w", encoding="utf-8", newline="\n") as f:
    for row in rows:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
print(f"wrote {len(rows)} examples")
